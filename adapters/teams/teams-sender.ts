import type { CloudAdapter, ConversationReference } from "botbuilder";
import { type ChannelSender, DeliveryError } from "../../src/delivery/channel-sender.js";
import type { Delivery } from "../../src/model.js";
import { TEAMS_CHANNEL } from "./teams-inbound.js";
import { loginRefusal } from "./teams-login.js";
import { activityFor } from "./teams-render.js";
import { serviceUrlAllowed } from "./teams-trust.js";

/** Statuses Bot Framework documents as transient: try again later, with backoff and jitter. */
const TRANSIENT = new Set([412, 500, 502, 503, 504]);

/**
 * Sends through the Bot Connector with the stored conversation reference
 * (continueConversationAsync with the app id): sendActivity, or updateActivity to show the
 * answer on the card whose button was pressed. A stored reference whose serviceUrl is not one
 * rapport accepts today (stored before the check existed) is not written to: no request leaves.
 */
export function teamsSender(adapter: CloudAdapter, appId: string, noAuth = false): ChannelSender {
  return {
    channel: TEAMS_CHANNEL,
    // Teams allows a bot about 7 messages a second in one conversation and 50 a second per tenant;
    // rapport stays well under both.
    limits: { perRecipient: { burst: 3, perSecond: 1 }, global: { burst: 30, perSecond: 20 } },
    send: async ({ address, message }: Delivery) => {
      if (!serviceUrlAllowed(address.serviceUrl, noAuth)) {
        throw new DeliveryError("Teams serviceUrl not allowed", "permanent");
      }
      try {
        await adapter.continueConversationAsync(
          appId,
          address as Partial<ConversationReference>,
          async (context) => {
            const activity = activityFor(message);
            if (message.replaces) await context.updateActivity(activity);
            else await context.sendActivity(activity);
          },
        );
      } catch (error) {
        throw translate(error, message.replaces !== undefined);
      }
    },
  };
}

interface HttpFailure {
  statusCode?: number;
  response?: { headers?: { get?(name: string): string | undefined } };
}

export function translate(error: unknown, isUpdate: boolean): DeliveryError {
  if (error instanceof DeliveryError) return error;
  // Microsoft's login refused the app's credentials while botbuilder fetched its token, before
  // any connector call (no statusCode: an MSAL ServerError, teams-login.ts).
  const refusal = loginRefusal(error);
  if (refusal) return refusal;
  const { statusCode, response } = (error ?? {}) as HttpFailure;
  if (statusCode === 429) {
    const seconds = Number(response?.headers?.get?.("retry-after") ?? "1");
    return new DeliveryError(
      "Teams 429",
      "retry",
      (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000,
      {
        cause: error,
      },
    );
  }
  // 403: the bot was removed from the conversation or blocked by the admin; 404: the conversation is gone.
  if (statusCode === 403 || (statusCode === 404 && !isUpdate)) {
    return new DeliveryError(`Teams ${statusCode}`, "unreachable", undefined, { cause: error });
  }
  // 401 from the connector: it refused the app's own credentials (a wrong or expired app
  // password): the bot's fault, not the recipient's.
  if (statusCode === 401) {
    return new DeliveryError(
      "Teams 401: check MicrosoftAppId and MicrosoftAppPassword",
      "refused",
      undefined,
      {
        cause: error,
      },
    );
  }
  if (statusCode !== undefined && TRANSIENT.has(statusCode)) {
    return new DeliveryError(`Teams ${statusCode}`, "retry", undefined, { cause: error });
  }
  if (statusCode !== undefined)
    return new DeliveryError(`Teams ${statusCode}`, "permanent", undefined, { cause: error });
  return new DeliveryError("network error", "retry", undefined, { cause: error });
}
