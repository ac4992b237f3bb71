import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { SlackEnv } from "../../src/config/settings.js";
import type { Logger } from "../../src/log.js";
import type { InboundEvent, Sender } from "../../src/model.js";
import { type ConnectFailure, connectInBackground } from "../background-connect.js";
import type { Channel } from "../channel.js";
import { MAX_BODY_BYTES } from "../http/raw-body.js";
import { boltLogger, failUnacknowledged, processEventError } from "./slack-bolt.js";
import {
  actionToEvent,
  commandToEvent,
  messageToEvent,
  type SlackBlockActions,
  type SlackMessageEvent,
} from "./slack-inbound.js";
import { answerWhileConnecting, slackPrecheck } from "./slack-request.js";
import { slackSender } from "./slack-sender.js";

/**
 * The Slack channel on Bolt. Platform calls it makes: auth.test (once, at start, unless turned
 * off), users.info (locale and time zone, cached), conversations.open, chat.postMessage and
 * chat.update. Events and interactivity arrive signed at POST /slack/events on the shared
 * server, or over Socket Mode.
 */
/** SLACK_*, as parsed once in src/config/settings.ts (apiUrl: the Web API's base URL, ending in "/"). */
interface SlackSettings extends SlackEnv {
  /** auth.test at start: on by default, off in tests that have no Web API to ask. */
  tokenVerification?: boolean;
}

/**
 * start() registers the handlers and mounts POST /slack/events at once (until connected it answers
 * 503 to a signed request and 401 to any other), then connects in the background: auth.test (and the socket in Socket Mode),
 * retried with a log line per attempt naming the setting to check.
 */
type SlackChannel = Channel;

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
        processEventErrorHandler: processEventError(log),
      });
  const app = new App({
    token: settings.botToken,
    receiver: socketReceiver ?? receiver,
    clientOptions,
    logger,
    tokenVerificationEnabled: settings.tokenVerification ?? true,
    deferInitialization: true,
  });
  if (receiver) failUnacknowledged(app);
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

  let connected = false;
  let connection: { stop(): void } | undefined;
  return {
    name: "slack",
    sender: slackSender(app.client),
    start(engine, server, states) {
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
          // Not connected to Slack yet: a signed request gets 503 (Slack delivers it again later),
          // anything else 401 at once, as Bolt would answer it once connected.
          if (!connected) {
            const status = await answerWhileConnecting(req, settings.signingSecret ?? "");
            if (status !== 503)
              log.warn({ channel: "slack", status }, "slack request refused while connecting");
            res.writeHead(status, { "content-type": "text/plain" });
            res.end(
              status === 503 ? "not connected to Slack yet" : status === 401 ? "unauthorized" : "too large",
            );
            return;
          }
          const done = new Promise<void>((resolve) => {
            res.once("finish", resolve);
            res.once("close", resolve);
          });
          receiver.requestListener(req, res);
          await done;
        });
      }
      connection = connectInBackground({
        channel: "slack",
        states,
        log,
        connect: async () => {
          await app.init();
          if (!receiver) await app.start();
        },
        classify: (error) => slackConnectFailure(error, settings),
        ready: (n) => {
          connected = true;
          states.set("slack", "connected");
          log.info(
            { channel: "slack", mode: receiver ? "events" : "socket", attempt: n },
            "slack channel ready",
          );
        },
      });
    },
    async stop() {
      connection?.stop();
      if (socketMode && connected) await app.stop();
    },
  };
}

/**
 * Why connecting to Slack failed, naming the setting to check: a token Slack refuses will not
 * start working by itself; anything else (network, a wrong SLACK_API_URL, a 5xx) is tried again.
 */
function slackConnectFailure(error: unknown, settings: Pick<SlackSettings, "apiUrl">): ConnectFailure {
  const reason = (error as { data?: { error?: string } }).data?.error;
  if (
    reason &&
    ["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"].includes(reason)
  ) {
    return {
      setting: "SLACK_BOT_TOKEN",
      message: `SLACK_BOT_TOKEN: Slack refused the token (${reason}); check the app's Bot User OAuth Token`,
      final: true,
    };
  }
  const setting = settings.apiUrl ? "SLACK_API_URL" : "SLACK_BOT_TOKEN";
  const where = settings.apiUrl ? `SLACK_API_URL (${settings.apiUrl})` : "the Slack Web API";
  return {
    setting,
    message: `slack: ${where} could not be reached (${reason ?? "no connection"})`,
    final: false,
  };
}
