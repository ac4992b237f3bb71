import { timingSafeEqual } from "node:crypto";
import { type ApiClientOptions, Bot, type Context, GrammyError, HttpError } from "grammy";
import type { Update } from "grammy/types";
import type { Server } from "restify";
import type { TelegramEnv } from "../../src/config/settings.js";
import type { Engine } from "../../src/engine/engine.js";
import type { Logger } from "../../src/log.js";
import { type ConnectFailure, connectInBackground } from "../background-connect.js";
import type { Channel } from "../channel.js";
import { BodyError, readJsonBody } from "../http/raw-body.js";
import { alone, type Leadership } from "../leadership.js";
import { botApiFetch } from "./bot-api-fetch.js";
import { ALLOWED_UPDATES, toInboundEvent } from "./telegram-inbound.js";
import { pollWhileLeading } from "./telegram-polling.js";
import { telegramSender } from "./telegram-sender.js";

/**
 * The Telegram channel on grammY. Platform calls it makes: getMe (once, at start), getUpdates
 * (telegram-polling.ts: by one elected instance when several share a database) or a webhook at
 * POST /telegram, sendMessage, editMessageText, answerCallbackQuery, and
 * setWebhook/deleteWebhook when it manages the webhook itself.
 */
/** TELEGRAM_*, as parsed once in src/config/settings.ts (webhookUrl: rapport registers the webhook itself). */
type TelegramSettings = TelegramEnv;

/**
 * start() mounts POST /telegram at once (it answers 503 until the bot is connected), then
 * connects in the background: getMe, and setWebhook or long polling, retried with a log line per
 * attempt. Invite links are the t.me links that start a chat with a code, once the bot's name is
 * known (after getMe).
 */
interface TelegramChannel extends Channel {
  bot: Bot;
}

/** Creates the bot; it connects in start(), so the server can listen before the Bot API answers. */
export function createTelegramChannel(
  settings: TelegramSettings,
  log: Logger,
  /** Who polls when several instances share a database (without a webhook); alone: this one. */
  leadership: Leadership = alone,
): TelegramChannel {
  // A hung request must not hold up every other send for grammY's default of 500 seconds.
  const client = {
    timeoutSeconds: 30,
    // On the webhook, the acknowledgement of a button press rides in the HTTP answer to
    // Telegram (a "webhook reply"): one request fewer per answer. Everything else is sent
    // through the outbox, where its success is known.
    canUseWebhookReply: (method: string) => method === "answerCallbackQuery",
    fetch: botApiFetch as unknown as ApiClientOptions["fetch"],
    ...(settings.apiRoot ? { apiRoot: settings.apiRoot } : {}),
  };
  const bot = new Bot(settings.token, { client });
  let polling: { stop(): Promise<void> } | undefined;
  let connection: { stop(): void } | undefined;
  return {
    name: "telegram",
    bot,
    sender: telegramSender(bot.api),
    inviteLinks: (code) => (bot.isInited() ? [`https://t.me/${bot.botInfo.username}?start=${code}`] : []),
    start(engine, server, states) {
      const webhookSecret = settings.webhookSecret;
      const webhook = Boolean(webhookSecret);
      bot.on(["message", "callback_query"], (ctx) => handle(ctx, engine, log, webhook));
      // No bot.catch on the webhook: a failed update must answer 500 so that Telegram delivers it again.
      if (webhookSecret) mountWebhook(server, bot, webhookSecret, log);
      if (!webhook) {
        // Polling needs a catch, or one failing update would stop it; the failure is logged.
        bot.catch((err) =>
          log.error(
            {
              err: err.error instanceof Error ? err.error.message : "unknown",
              updateId: err.ctx.update.update_id,
            },
            "telegram update failed",
          ),
        );
      }
      connection = connectInBackground({
        channel: "telegram",
        states,
        log,
        // One getMe per attempt: bot.init() would retry a network error silently for ever,
        // so the log would say nothing while Telegram is unreachable.
        connect: async () => {
          if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
          if (webhookSecret && settings.webhookUrl) {
            await bot.api.setWebhook(settings.webhookUrl, {
              secret_token: webhookSecret,
              allowed_updates: [...ALLOWED_UPDATES],
            });
          }
        },
        classify: (error) => connectFailure(error, settings),
        ready: (n) => {
          const username = bot.botInfo.username;
          if (!webhookSecret) {
            polling = pollWhileLeading(bot, leadership, states, log);
            return;
          }
          states.set("telegram", "connected");
          log.info(
            { channel: "telegram", mode: "webhook", bot: username, attempt: n },
            "telegram channel ready",
          );
        },
      });
    },
    async stop() {
      connection?.stop();
      await polling?.stop();
    },
  };
}

/**
 * Why connecting failed, naming the setting to check: a token the Bot API refuses (401, or 404
 * for a malformed one) will not start working by itself; anything else (network, a wrong or
 * unreachable TELEGRAM_API_ROOT, a 5xx) is tried again.
 */
function connectFailure(error: unknown, settings: Pick<TelegramSettings, "apiRoot">): ConnectFailure {
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    return {
      setting: "TELEGRAM_BOT_TOKEN",
      message: `TELEGRAM_BOT_TOKEN: the Bot API refused the token (${error.error_code}); check the token from BotFather`,
      final: true,
    };
  }
  const setting = settings.apiRoot ? "TELEGRAM_API_ROOT" : "TELEGRAM_BOT_TOKEN";
  const where = settings.apiRoot
    ? `TELEGRAM_API_ROOT (${settings.apiRoot})`
    : "the Bot API (api.telegram.org)";
  const detail =
    error instanceof HttpError
      ? "no connection"
      : error instanceof GrammyError
        ? `error ${error.error_code}`
        : "unexpected error";
  return { setting, message: `telegram: ${where} could not be reached (${detail})`, final: false };
}

async function handle(ctx: Context, engine: Engine, log: Logger, webhook: boolean): Promise<void> {
  const event = toInboundEvent(ctx.update);
  if (!event) return;
  const { notice } = await engine.handle(event);
  if (ctx.callbackQuery) {
    // Answered at once so the button stops spinning; the answer itself goes through the outbox.
    const answered = ctx
      .answerCallbackQuery(notice ? { text: notice } : undefined)
      .catch((error: unknown) => {
        log.warn({ err: error instanceof Error ? error.message : "unknown" }, "answerCallbackQuery failed");
      });
    // On the webhook it becomes the body of the HTTP answer, so it must be ready before that;
    // when polling it is a request of its own that need not hold up the next update.
    if (webhook) await answered;
  }
}

function mountWebhook(server: Server, bot: Bot, secret: string, log: Logger): void {
  const expected = Buffer.from(secret);
  server.post("/telegram", async (req, res) => {
    const given = Buffer.from(String(req.headers["x-telegram-bot-api-secret-token"] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      log.warn({ route: "/telegram" }, "rejected: wrong or missing secret token");
      res.send(401, { error: "unauthorized" });
      return;
    }
    // Not connected to the Bot API yet (start-up, or Telegram unreachable): Telegram tries again.
    if (!bot.isInited()) {
      res.send(503, { error: "not connected to Telegram yet" });
      return;
    }
    let update: Update;
    try {
      const { json } = await readJsonBody(req);
      if (!isUpdate(json)) throw new BodyError(400, "not a Telegram update");
      update = json;
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      res.send(status, { error: error instanceof Error ? error.message : "bad request" });
      return;
    }
    try {
      let reply: string | undefined;
      await bot.handleUpdate(update, {
        send: (json: string) => {
          reply = json;
        },
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(reply ?? "{}");
    } catch (error) {
      // Telegram redelivers on a non-2xx answer; the update id makes the retry safe.
      log.error(
        { err: error instanceof Error ? error.message : "unknown", updateId: update.update_id },
        "telegram update failed",
      );
      res.send(500, { error: "internal" });
    }
  });
}

function isUpdate(value: unknown): value is Update {
  return (
    typeof value === "object" &&
    value !== null &&
    Number.isInteger((value as { update_id?: unknown }).update_id)
  );
}
