import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel, SocketModeReceiver } from "@slack/bolt";
import type { Server } from "restify";
import type { Engine } from "../../src/engine/engine.js";
import type { Logger } from "../../src/log.js";
import type { InboundEvent, Sender } from "../../src/model.js";
import { MAX_BODY_BYTES } from "../http/raw-body.js";
import {
  actionToEvent,
  commandToEvent,
  messageToEvent,
  type SlackBlockActions,
  type SlackMessageEvent,
} from "./slack-inbound.js";
import { slackPrecheck } from "./slack-request.js";
import { slackSender } from "./slack-sender.js";

/**
 * The Slack channel on Bolt. Platform calls it makes: auth.test (once, at start, unless turned
 * off), users.info (locale and time zone, cached), conversations.open, chat.postMessage and
 * chat.update. Events and interactivity arrive signed at POST /slack/events on the shared
 * server, or over Socket Mode.
 */
export interface SlackSettings {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  /** The Web API's base URL, ending in "/" (a test fake). */
  apiUrl?: string;
  /** auth.test at start: on by default, off in tests that have no Web API to ask. */
  tokenVerification?: boolean;
}

export interface SlackChannel {
  sender: ReturnType<typeof slackSender>;
  start(engine: Engine, server: Server): Promise<void>;
  stop(): Promise<void>;
}

const PROFILE_TTL_MS = 24 * 3_600_000;

export function createSlackChannel(settings: SlackSettings, log: Logger): SlackChannel {
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    // The delivery worker retries and honours Retry-After itself, so the client must not.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 30_000,
  };
  const logger = boltLogger(log);
  const socketMode = !settings.signingSecret && Boolean(settings.appToken);
  // Built here rather than by Bolt so that Socket Mode's apps.connections.open also uses SLACK_API_URL.
  const socketReceiver = socketMode
    ? new SocketModeReceiver({
        appToken: settings.appToken ?? "",
        logger,
        installerOptions: { clientOptions: settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {} },
      })
    : undefined;
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: settings.signingSecret ?? "",
        endpoints: "/slack/events",
        // The HTTP answer waits for the engine to record the event (milliseconds): Slack retries
        // anything that failed, and the sending goes through the outbox, well within 3 seconds.
        processBeforeResponse: true,
        bodyLimit: MAX_BODY_BYTES,
        logger,
      });
  const app = new App({
    token: settings.botToken,
    receiver: socketReceiver ?? receiver,
    clientOptions,
    logger,
    tokenVerificationEnabled: settings.tokenVerification ?? true,
    deferInitialization: true,
  });
  const profiles = new Map<string, { locale?: string; timeZone?: string; at: number }>();

  /** users.info for the person's locale and time zone, cached so it is not asked on every event. */
  async function profile(user: string | undefined): Promise<Partial<Sender>> {
    if (!user) return {};
    const cached = profiles.get(user);
    if (cached && Date.now() - cached.at < PROFILE_TTL_MS)
      return { locale: cached.locale, timeZone: cached.timeZone };
    try {
      const info = await app.client.users.info({ user, include_locale: true });
      const found = { locale: info.user?.locale, timeZone: info.user?.tz, at: Date.now() };
      profiles.set(user, found);
      return { locale: found.locale, timeZone: found.timeZone };
    } catch {
      // Without the profile the clinic's language is used; the message is still handled.
      return {};
    }
  }

  return {
    sender: slackSender(app.client),
    async start(engine, server) {
      await app.init();
      const handle = async (event: InboundEvent | undefined) => {
        if (event) await engine.handle(event);
      };
      app.event("message", async ({ event, body }) => {
        const message = event as unknown as SlackMessageEvent;
        await handle(messageToEvent(body.event_id, message, await profile(message.user)));
      });
      app.event("app_mention", async ({ event, body }) => {
        const message = event as unknown as SlackMessageEvent;
        await handle(messageToEvent(body.event_id, message, await profile(message.user)));
      });
      app.action({ type: "block_actions" }, async ({ ack, body }) => {
        const payload = body as unknown as SlackBlockActions;
        await handle(actionToEvent(payload, await profile(payload.user.id)));
        await ack();
      });
      app.command("/rapport", async ({ ack, command }) => {
        await handle(commandToEvent(command, await profile(command.user_id)));
        await ack();
      });
      app.error(async (error) => {
        log.error({ channel: "slack", code: error.code, err: error.message }, "slack event failed");
        // Rethrown so that the request answers 500 and Slack delivers the event again.
        throw error;
      });
      if (receiver) {
        server.post("/slack/events", async (req, res) => {
          const refused = slackPrecheck(req.headers, Math.floor(Date.now() / 1000));
          if (refused) {
            log.warn({ channel: "slack", status: refused }, "slack request refused before verification");
            res.writeHead(refused, { "content-type": "text/plain" });
            res.end(refused === 401 ? "unauthorized" : "unsupported media type");
            return;
          }
          const done = new Promise<void>((resolve) => {
            res.once("finish", resolve);
            res.once("close", resolve);
          });
          receiver.requestListener(req, res);
          await done;
        });
        log.info({ channel: "slack", mode: "events" }, "slack channel ready");
      } else {
        await app.start();
        log.info({ channel: "slack", mode: "socket" }, "slack channel ready");
      }
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}

/** Bolt's logger onto pino: only Bolt's own message strings, never the payloads it may pass along. */
function boltLogger(log: Logger): BoltLogger {
  const text = (msg: unknown[]) => msg.filter((m) => typeof m === "string").join(" ");
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg) => log.warn({ channel: "slack" }, text(msg)),
    error: (...msg) => log.error({ channel: "slack" }, text(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}
