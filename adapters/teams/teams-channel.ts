import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from "botbuilder";
import type { Request, Response, Server } from "restify";
import type { TeamsEnv } from "../../src/config/settings.js";
import type { Engine } from "../../src/engine/engine.js";
import type { Logger } from "../../src/log.js";
import { BodyError, readJsonBody } from "../http/raw-body.js";
import { isGreeting, referenceOf, TEAMS_CHANNEL, toInboundEvent, userId } from "./teams-inbound.js";
import { teamsSender } from "./teams-sender.js";

/**
 * The Microsoft Teams channel on botbuilder's CloudAdapter, at POST /api/messages on the shared
 * restify server. Platform calls it makes: the Bot Connector's send and update activity, through
 * continueConversationAsync with the stored conversation reference. Every botbuilder import stays
 * in adapters/teams (the SDK is archived; its successor is the Microsoft 365 Agents SDK).
 */
export interface TeamsChannel {
  sender: ReturnType<typeof teamsSender>;
  start(engine: Engine, server: Server): void;
}

export function createTeamsChannel(settings: TeamsEnv, log: Logger): TeamsChannel {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: settings.appPassword,
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId,
  } as Record<string, string | undefined>);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    log.error(
      { channel: TEAMS_CHANNEL, err: error instanceof Error ? error.message : "unknown" },
      "teams turn failed",
    );
    // Rethrown so the request answers 500 and the Bot Connector delivers the activity again.
    throw error;
  };
  if (settings.noAuth) {
    log.warn(
      { channel: TEAMS_CHANNEL, setting: "TEAMS_NO_AUTH" },
      "Teams authentication is OFF (loopback only): for local tests and the Bot Framework Emulator, never for a clinic",
    );
  }
  return {
    sender: teamsSender(adapter, settings.appId),
    start(engine, server) {
      server.post("/api/messages", async (req: Request, res: Response) => {
        try {
          const { json } = await readJsonBody(req);
          // botbuilder throws, rather than answering 400, on a body that is no activity.
          if (
            typeof json !== "object" ||
            json === null ||
            typeof (json as { type?: unknown }).type !== "string"
          ) {
            throw new BodyError(400, "not a Bot Framework activity");
          }
          (req as Request & { body: unknown }).body = json;
        } catch (error) {
          const status = error instanceof BodyError ? error.status : 400;
          res.send(status, { error: error instanceof Error ? error.message : "bad request" });
          return;
        }
        await adapter.process(req, res, (context) => handle(context, engine));
      });
      log.info({ channel: TEAMS_CHANNEL, auth: settings.noAuth ? "off" : "on" }, "teams channel ready");
    },
  };
}

async function handle(context: TurnContext, engine: Engine): Promise<void> {
  const activity = context.activity as Partial<Activity>;
  const event = toInboundEvent(activity);
  if (event) {
    await engine.handle(event);
    return;
  }
  if (isGreeting(activity)) {
    const from = userId(activity);
    // An install in a team or group chat gets no greeting: rapport talks in personal chat only.
    const personal = (activity.conversation?.conversationType ?? "personal") === "personal";
    if (from && activity.id && personal) {
      await engine.greet({
        channel: TEAMS_CHANNEL,
        id: activity.id,
        sender: { id: from, name: activity.from?.name, locale: activity.locale },
        address: referenceOf(activity) as Record<string, unknown>,
        direct: true,
        input: { kind: "text", text: "" },
      });
    }
  }
}
