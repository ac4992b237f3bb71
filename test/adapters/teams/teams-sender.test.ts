import type { Activity, CloudAdapter, ConversationReference, TurnContext } from "botbuilder";
import { describe, expect, it } from "vitest";
import { createTeamsChannel } from "../../../adapters/teams/teams-channel.js";
import { activityFor } from "../../../adapters/teams/teams-render.js";
import { teamsSender, translate } from "../../../adapters/teams/teams-sender.js";
import { DeliveryError } from "../../../src/delivery/channel-sender.js";
import type { Delivery, OutboundMessage } from "../../../src/model.js";
import { FakeConnector } from "../../fakes/fake-connector.js";
import { silentLog } from "../../helpers/conversation.js";
import { runSenderContract } from "../sender-contract.js";

const APP_ID = "0e7d3b9a-4c21-4f6e-8a5b-1d9c2e7f4a60";
const REFERENCE = {
  user: {
    id: "29:1qB7mZ3xR9vLk2TnW8yHs4cJd6fPa0eGu5iOb1KtXw3NvYq7MzLr2Ds9FhCj4Ep8UkGn",
    name: "Jonas Weber",
    aadObjectId: "a4c2e8f1-7b3d-4e59-9c60-2f1d8b7a3e94",
  },
  bot: { id: `28:${APP_ID}`, name: "rapport" },
  conversation: {
    conversationType: "personal",
    tenantId: "5f3c9a1e-2b7d-4c8e-9f01-6a2d4b8c7e35",
    id: "a:1Xk9Tq2Wm7Rz4Lp8Vn3Bc6Yh0Jd5Fs1Gu9Ke2Ox7Ia4Nw8Pt3Mv6Qr0Sy5Lb1Zc9Hf2Dj7Eg4Au8",
  },
  channelId: "msteams",
  locale: "de-DE",
  serviceUrl: "https://smba.trafficmanager.net/emea/",
};

/**
 * The shape of a Bot Connector failure as botbuilder surfaces it (an @azure RestError): a
 * statusCode, and the response with its headers behind get().
 */
function restError(statusCode: number, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`Operation returned an invalid status code ${statusCode}`), {
    name: "RestError",
    statusCode,
    response: { status: statusCode, headers: { get: (name: string) => headers[name.toLowerCase()] } },
  });
}

interface ContextCall {
  method: "sendActivity" | "updateActivity";
  activity: Partial<Activity>;
}
interface Continuation {
  appId: string;
  reference: Partial<ConversationReference>;
}

/**
 * Just continueConversationAsync(appId, reference, logic): runs logic with a TurnContext that
 * records sendActivity and updateActivity, and throws what `fail` returns for a call.
 */
function fakeAdapter(fail?: (call: ContextCall) => unknown) {
  const calls: ContextCall[] = [];
  const continuations: Continuation[] = [];
  const record = (call: ContextCall) => {
    calls.push(call);
    const error = fail?.(call);
    if (error !== undefined) throw error;
  };
  const adapter = {
    continueConversationAsync: async (
      appId: string,
      reference: Partial<ConversationReference>,
      logic: (context: TurnContext) => Promise<void>,
    ) => {
      continuations.push({ appId, reference });
      const context = {
        sendActivity: async (activity: Partial<Activity>) => {
          record({ method: "sendActivity", activity });
          return { id: "1718113100000" };
        },
        updateActivity: async (activity: Partial<Activity>) => {
          record({ method: "updateActivity", activity });
        },
      };
      await logic(context as unknown as TurnContext);
    },
  };
  return { adapter: adapter as unknown as CloudAdapter, calls, continuations };
}

function delivery(message: Partial<OutboundMessage> = {}): Delivery {
  return {
    outboxId: 23,
    channel: "teams",
    externalId: "a4c2e8f1-7b3d-4e59-9c60-2f1d8b7a3e94",
    address: REFERENCE,
    message: { kind: "info", text: "Danke, bis nächste Woche.", ...message },
  };
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

// A 429 with Retry-After, a 403 and a 5xx on a send, and network failures: the sender contract, at the end.
describe("translate", () => {
  it("429 without Retry-After → retry after a second", () => {
    const error = translate(restError(429), false);
    expect(error.outcome).toBe("retry");
    expect(error.retryAfterMs).toBe(1000);
  });

  it("429 with a Retry-After that is not a number of seconds → retry after a second", () => {
    const error = translate(restError(429, { "retry-after": "Wed, 12 Jun 2024 07:00:00 GMT" }), true);
    expect(error.outcome).toBe("retry");
    expect(error.retryAfterMs).toBe(1000);
  });

  it("429 on an update → retry too", () => {
    const error = translate(restError(429, { "retry-after": "2" }), true);
    expect(error.outcome).toBe("retry");
    expect(error.retryAfterMs).toBe(2000);
  });

  it("429 without a response → retry after a second", () => {
    const error = translate(Object.assign(new Error("Too Many Requests"), { statusCode: 429 }), false);
    expect(error.outcome).toBe("retry");
    expect(error.retryAfterMs).toBe(1000);
  });

  it("403 on an update (bot removed or blocked) → unreachable, as on a send", () => {
    const cause = restError(403);
    const error = translate(cause, true);
    expect(error.outcome).toBe("unreachable");
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.cause).toBe(cause);
  });

  it("404 on a send (the conversation is gone) → unreachable", () => {
    expect(translate(restError(404), false).outcome).toBe("unreachable");
  });

  it("404 on an update (the card is gone, the person is not) → permanent", () => {
    expect(translate(restError(404), true).outcome).toBe("permanent");
  });

  it("412, 500, 502, 503 and 504 → retry, on a send and on an update", () => {
    for (const status of [412, 500, 502, 503, 504]) {
      for (const isUpdate of [false, true]) {
        const error = translate(restError(status), isUpdate);
        expect(error.outcome, `${status} ${isUpdate}`).toBe("retry");
        expect(error.retryAfterMs).toBeUndefined();
      }
    }
  });

  it("401 (the connector refused the app's own credentials) → refused", () => {
    expect(translate(restError(401), false).outcome).toBe("refused");
  });

  it("400 and other statuses → permanent", () => {
    for (const status of [400, 413, 501]) {
      const cause = restError(status);
      const error = translate(cause, false);
      expect(error.outcome, String(status)).toBe("permanent");
      expect(error.message).toBe(`Teams ${status}`);
      expect(error.cause).toBe(cause);
    }
  });

  it("anything thrown, even undefined or a string → retry", () => {
    for (const thrown of [undefined, null, "boom", new TypeError("x is undefined")]) {
      expect(translate(thrown, false).outcome, String(thrown)).toBe("retry");
    }
  });

  it("passes a DeliveryError through unchanged", () => {
    const original = new DeliveryError("already translated", "unreachable");
    expect(translate(original, true)).toBe(original);
  });
});

describe("teamsSender", () => {
  it("is the teams channel, with Teams' sending limits", () => {
    const sender = teamsSender(fakeAdapter().adapter, APP_ID);
    expect(sender.channel).toBe("teams");
    expect(sender.limits).toEqual({
      perRecipient: { burst: 3, perSecond: 1 },
      global: { burst: 30, perSecond: 20 },
    });
  });

  it("sends a plain message with sendActivity through the stored reference and the app id", async () => {
    const { adapter, calls, continuations } = fakeAdapter();
    await teamsSender(adapter, APP_ID).send(delivery());
    expect(continuations).toEqual([{ appId: APP_ID, reference: REFERENCE }]);
    expect(continuations[0]?.reference).toBe(REFERENCE);
    expect(calls).toEqual([
      {
        method: "sendActivity",
        activity: { type: "message", text: "Danke, bis nächste Woche.", textFormat: "plain" },
      },
    ]);
  });

  it("sends a question as a card with sendActivity", async () => {
    const { adapter, calls } = fakeAdapter();
    const message: OutboundMessage = {
      kind: "question",
      text: "Wie gut hast du diese Woche geschlafen?",
      ref: "checkin:12:3",
      choices: Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: String(i) })),
    };
    await teamsSender(adapter, APP_ID).send(delivery(message));
    expect(calls).toEqual([{ method: "sendActivity", activity: activityFor(message) }]);
    expect(calls[0]?.activity.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  });

  it("updates the pressed card with updateActivity and its id for a message that replaces it", async () => {
    const { adapter, calls, continuations } = fakeAdapter();
    const message: OutboundMessage = {
      kind: "info",
      text: "Wie gut hast du diese Woche geschlafen?\n\nDeine Antwort: 7",
      replaces: "1718112991736",
    };
    await teamsSender(adapter, APP_ID).send(delivery(message));
    expect(continuations).toEqual([{ appId: APP_ID, reference: REFERENCE }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe("updateActivity");
    expect(calls[0]?.activity).toEqual(activityFor(message));
    expect(calls[0]?.activity.id).toBe("1718112991736");
  });

  it("translates a 404 as an update's (permanent) for a replacement, as a send's (unreachable) otherwise", async () => {
    const { adapter, calls } = fakeAdapter(() => restError(404));
    const sender = teamsSender(adapter, APP_ID);
    const update = await failure(sender.send(delivery({ text: "Q\n\nA", replaces: "1718112991736" })));
    const send = await failure(sender.send(delivery()));
    expect(calls.map((c) => c.method)).toEqual(["updateActivity", "sendActivity"]);
    expect(update.outcome).toBe("permanent");
    expect(send.outcome).toBe("unreachable");
  });
});

/**
 * The sender as the channel builds it (botbuilder's CloudAdapter, authentication off as for the
 * Emulator, which lets it write to a loopback serviceUrl), against the fake Bot Connector.
 */
runSenderContract("Teams", async () => {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const conversation = REFERENCE.conversation.id;
  const sends = () => connector.calls.filter((c) => c.conversationId === conversation && c.verb !== "update");
  return {
    sender: createTeamsChannel({ appId: "", appType: "MultiTenant", noAuth: true }, silentLog).sender,
    recipient: { externalId: REFERENCE.user.aadObjectId, address: { ...REFERENCE, serviceUrl } },
    // The Bot Connector client tries a 429, a 5xx or a dropped connection 4 times within one send.
    callsPerSend: 4,
    delivered: () => sends().filter((c) => c.id !== undefined).length,
    calls: () => sends().length,
    rateLimitNext: (seconds) => connector.failNext(429, seconds),
    blockNext: () => connector.failNext(403),
    serverErrorNext: (status) => connector.failNext(status),
    resetNext: () => connector.resetNext(),
    hold: () => connector.hold(),
    stop: () => connector.stop(),
  };
});
