import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import type { Request, Response } from "restify";
import type { TeamsEnv } from "../../src/config/settings.js";
import type { Engine } from "../../src/engine/engine.js";
import type { Logger } from "../../src/log.js";
import type { Channel } from "../channel.js";
import { BodyError, readJsonBody } from "../http/raw-body.js";
import { isGreeting, referenceOf, TEAMS_CHANNEL, toInboundEvent, userId } from "./teams-inbound.js";
import { teamsSender } from "./teams-sender.js";
import { channelForLog, type Origin, refusal, sameOrigin, type TrustPolicy } from "./teams-trust.js";

/**
 * The Microsoft Teams channel on botbuilder's CloudAdapter, at POST /api/messages on the shared
 * restify server. Platform calls it makes: the Bot Connector's send and update activity, through
 * continueConversationAsync with the stored conversation reference. Every botbuilder import stays
 * in adapters/teams (the SDK is archived; its successor is the Microsoft 365 Agents SDK).
 */
/** Teams has nothing to connect to at start: its route is mounted and the channel is connected. */
type TeamsChannel = Channel;

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;

/**
 * CloudAdapter.process() writes every failure to console.error with its stack and puts the error
 * text into the HTTP answer. rapport runs the same two steps itself (authenticate, then the turn)
 * so that failures go to the JSON log without request content and the answer carries no text.
 */
class RapportAdapter extends CloudAdapter {
  runTurn(auth: AuthResult, activity: Activity, logic: (c: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

export function createTeamsChannel(settings: TeamsEnv, log: Logger): TeamsChannel {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: settings.appPassword,
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId,
  } as Record<string, string | undefined>);
  const adapter = new RapportAdapter(auth);
  const policy: TrustPolicy = { noAuth: settings.noAuth, tenantId: settings.tenantId };
  if (settings.noAuth) {
    log.warn(
      { channel: TEAMS_CHANNEL, setting: "TEAMS_NO_AUTH" },
      "Teams authentication is OFF (loopback only): for local tests and the Bot Framework Emulator, never for a clinic",
    );
  }
  const refused = (reason: string, activity: Origin) =>
    log.warn(
      { channel: TEAMS_CHANNEL, reason, channelId: channelForLog(activity.channelId) },
      "teams activity refused",
    );

  return {
    name: "teams",
    sender: teamsSender(adapter, settings.appId, settings.noAuth),
    async stop() {},
    start(engine, server, states) {
      states.set("teams", "connected");
      server.post("/api/messages", async (req: Request, res: Response) => {
        const activity = await readActivity(req, res);
        if (!activity) return;
        let authenticated: AuthResult;
        try {
          authenticated = await auth.authenticateRequest(activity, req.headers.authorization ?? "");
        } catch (error) {
          const status = authFailureStatus(error);
          log.warn(
            { channel: TEAMS_CHANNEL, status, error: errorName(error) },
            "teams request not authenticated",
          );
          return answer(res, status);
        }
        // 403 for an authenticated request rapport will not act on: honest to the sender and shown
        // by the Emulator, where 200 would pretend it was handled and a 5xx would ask for it again.
        const reason = refusal(activity, policy);
        if (reason) {
          refused(reason, activity);
          return answer(res, 403);
        }
        let accepted = true;
        let invoke: InvokeResponse | undefined;
        try {
          invoke = await adapter.runTurn(authenticated, activity, async (context) => {
            accepted = await handle(context, engine);
          });
        } catch (error) {
          // 500 without text: the Bot Connector delivers the activity again later.
          log.error({ channel: TEAMS_CHANNEL, error: errorName(error) }, "teams turn failed");
          return answer(res, 500);
        }
        if (!accepted) {
          refused("identity_origin", activity);
          return answer(res, 403);
        }
        answer(res, invoke?.status ?? 200, invoke?.body);
      });
      log.info({ channel: TEAMS_CHANNEL, auth: settings.noAuth ? "off" : "on" }, "teams channel ready");
    },
  };
}

/** The request's activity, or undefined once it was answered 400, 413 or 415. */
async function readActivity(req: Request, res: Response): Promise<Activity | undefined> {
  try {
    const { json } = await readJsonBody(req);
    if (typeof json !== "object" || json === null || typeof (json as { type?: unknown }).type !== "string") {
      throw new BodyError(400, "not a Bot Framework activity");
    }
    return withDates(json as Activity);
  } catch (error) {
    const status = error instanceof BodyError ? error.status : 400;
    res.send(status, { error: error instanceof BodyError ? error.message : "bad request" });
    return undefined;
  }
}

/** What botbuilder's process() does to a body before the turn: timestamps as Dates, raw kept. */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, keep] of [
    ["timestamp", "rawTimestamp"],
    ["expiration", "rawExpiration"],
    ["localTimestamp", "rawLocalTimestamp"],
  ] as const) {
    const value = raw[field];
    if (typeof value === "string") {
      raw[keep] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}

function answer(res: Response, status: number, body?: unknown): void {
  if (body === undefined) {
    res.status(status);
    res.end();
  } else {
    res.send(status, body);
  }
}

/**
 * A token that is missing, forged, expired or for another bot is a 401. Anything else in the
 * authentication step (Microsoft's signing keys unreachable) is a 500, so the activity comes again.
 */
function authFailureStatus(error: unknown): number {
  const { statusCode, name } = (error ?? {}) as { statusCode?: unknown; name?: unknown };
  if (typeof statusCode === "number") return statusCode >= 500 ? 500 : 401;
  return name === "JsonWebTokenError" || name === "TokenExpiredError" || name === "NotBeforeError"
    ? 401
    : 500;
}

/** Only the error's class for the log: a message can quote what it failed on (a request's text). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Runs the turn; false when the engine refused it (an identity stored from another origin). */
async function handle(context: TurnContext, engine: Engine): Promise<boolean> {
  const activity = context.activity as Partial<Activity>;
  const fromHere = (stored: Record<string, unknown>) => sameOrigin(stored as Origin, activity as Origin);
  const event = toInboundEvent(activity);
  if (event) return (await engine.handle(event, fromHere)).status !== "refused";
  if (!isGreeting(activity)) return true;
  const from = userId(activity);
  // An install in a team or group chat gets no greeting: rapport talks in personal chat only.
  const personal = (activity.conversation?.conversationType ?? "personal") === "personal";
  if (!from || !activity.id || !personal) return true;
  const result = await engine.greet(
    {
      channel: TEAMS_CHANNEL,
      id: activity.id,
      sender: { id: from, name: activity.from?.name, locale: activity.locale },
      address: referenceOf(activity) as Record<string, unknown>,
      direct: true,
      input: { kind: "text", text: "" },
    },
    fromHere,
  );
  return result.status !== "refused";
}
