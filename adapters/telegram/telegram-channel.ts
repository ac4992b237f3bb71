import { timingSafeEqual } from "node:crypto";
import { Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import type { Server } from "restify";
import type { Engine } from "../../src/engine/engine.js";
import type { Logger } from "../../src/log.js";
import { BodyError, readJsonBody } from "../http/raw-body.js";
import { ALLOWED_UPDATES, toInboundEvent } from "./telegram-inbound.js";
import { telegramSender } from "./telegram-sender.js";

/**
 * The Telegram channel on grammY. Platform calls it makes: getMe (once, at start), getUpdates
 * or a webhook at POST /telegram, sendMessage, editMessageText, answerCallbackQuery, and
 * setWebhook/deleteWebhook when it manages the webhook itself.
 */
export interface TelegramSettings {
  token: string;
  webhookSecret?: string;
  /** Public URL of POST /telegram; when set, rapport registers the webhook itself. */
  webhookUrl?: string;
  apiRoot?: string;
}

export interface TelegramChannel {
  bot: Bot;
  sender: ReturnType<typeof telegramSender>;
  inviteLink(code: string): string;
  /** Mounts POST /telegram (webhook) or starts long polling; `engine` is ready by then. */
  start(engine: Engine, server: Server): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the bot and fetches its identity once; no network call per update afterwards. */
export async function createTelegramChannel(
  settings: TelegramSettings,
  log: Logger,
): Promise<TelegramChannel> {
  // A hung request must not hold up every other send for grammY's default of 500 seconds.
  const client = {
    timeoutSeconds: 30,
    // On the webhook, the acknowledgement of a button press rides in the HTTP answer to
    // Telegram (a "webhook reply"): one request fewer per answer. Everything else is sent
    // through the outbox, where its success is known.
    canUseWebhookReply: (method: string) => method === "answerCallbackQuery",
    ...(settings.apiRoot ? { apiRoot: settings.apiRoot } : {}),
  };
  const bot = new Bot(settings.token, { client });
  await bot.init();
  const username = bot.botInfo.username;
  let polling = false;
  return {
    bot,
    sender: telegramSender(bot.api),
    inviteLink: (code) => `https://t.me/${username}?start=${code}`,
    async start(engine, server) {
      const webhookSecret = settings.webhookSecret;
      const webhook = Boolean(webhookSecret);
      bot.on(["message", "callback_query"], (ctx) => handle(ctx, engine, log, webhook));
      if (webhookSecret) {
        // No bot.catch here: a failed update must answer 500 so that Telegram delivers it again.
        mountWebhook(server, bot, webhookSecret, log);
        if (settings.webhookUrl) {
          await bot.api.setWebhook(settings.webhookUrl, {
            secret_token: webhookSecret,
            allowed_updates: [...ALLOWED_UPDATES],
          });
        }
        log.info({ channel: "telegram", mode: "webhook", bot: username }, "telegram channel ready");
        return;
      }
      polling = true;
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
      bot
        .start({
          allowed_updates: [...ALLOWED_UPDATES],
          onStart: () =>
            log.info({ channel: "telegram", mode: "polling", bot: username }, "telegram channel ready"),
        })
        .catch((error: unknown) => {
          // 401 (token revoked) or 409 (another instance polls the same bot): nothing to retry here.
          const reason = error instanceof Error ? error.message : "unknown";
          log.fatal({ channel: "telegram", err: reason }, "telegram polling stopped");
          process.exit(1);
        });
    },
    async stop() {
      if (polling) await bot.stop();
    },
  };
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
