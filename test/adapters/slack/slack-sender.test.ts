import { readFileSync } from "node:fs";
import type { KnownBlock } from "@slack/types";
import {
  ErrorCode,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebClient,
} from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { createSlackChannel } from "../../../adapters/slack/slack-channel.js";
import { actionToEvent, type SlackBlockActions } from "../../../adapters/slack/slack-inbound.js";
import { slackSender } from "../../../adapters/slack/slack-sender.js";
import { DeliveryError } from "../../../src/delivery/channel-sender.js";
import type { Address, Delivery, OutboundMessage } from "../../../src/model.js";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { silentLog } from "../../helpers/conversation.js";
import { runSenderContract } from "../sender-contract.js";

type Method = "conversations.open" | "chat.postMessage" | "chat.update";

interface Call {
  method: Method;
  args: Record<string, unknown>;
}

/**
 * Just the three Web API methods the sender uses, answering as Slack does; records every call and
 * throws what `fail` returns for it.
 */
function fakeClient(
  options: { fail?: (call: Call, index: number) => unknown; openReturnsNoChannel?: boolean } = {},
) {
  const calls: Call[] = [];
  let opened = 0;
  const record = (method: Method, args: Record<string, unknown>) => {
    const call = { method, args };
    calls.push(call);
    const error = options.fail?.(call, calls.length - 1);
    if (error !== undefined) throw error;
  };
  const client = {
    conversations: {
      open: async (args: Record<string, unknown>) => {
        record("conversations.open", args);
        if (options.openReturnsNoChannel) return { ok: true };
        return { ok: true, channel: { id: `D0OPENED${++opened}` } };
      },
    },
    chat: {
      postMessage: async (args: Record<string, unknown>) => {
        record("chat.postMessage", args);
        return { ok: true, channel: args.channel, ts: "1718112800.000100", message: { text: args.text } };
      },
      update: async (args: Record<string, unknown>) => {
        record("chat.update", args);
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      },
    },
  };
  return { client: client as unknown as WebClient, calls };
}

function delivery(address: Address, message: Partial<OutboundMessage> = {}): Delivery {
  return {
    outboxId: 17,
    channel: "slack",
    externalId: String(address.user),
    address,
    message: { kind: "info", text: "Thanks, see you next week.", ...message },
  };
}

const IN_DM = { user: "U05MKD2J8TR", channel: "D06R3A7P2WX" };

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

/** A sender whose first call throws `error`; resolves to what the sender threw. */
async function translated(error: unknown, address: Address = IN_DM): Promise<DeliveryError> {
  const { client } = fakeClient({ fail: (_call, index) => (index === 0 ? error : undefined) });
  return failure(slackSender(client).send(delivery(address)));
}

function blocksOf(call: Call | undefined): KnownBlock[] {
  return (call?.args.blocks ?? []) as KnownBlock[];
}

describe("slackSender", () => {
  it("is the slack channel, with Slack's sending limits", () => {
    const sender = slackSender(fakeClient().client);
    expect(sender.channel).toBe("slack");
    expect(sender.limits).toEqual({
      perRecipient: { burst: 3, perSecond: 1 },
      global: { burst: 20, perSecond: 10 },
    });
  });

  it("posts to the address's channel when it is known, without opening a DM", async () => {
    const { client, calls } = fakeClient();
    await slackSender(client).send(delivery(IN_DM, { text: "Tom & Jerry *here*" }));
    expect(calls).toEqual([
      {
        method: "chat.postMessage",
        args: {
          channel: "D06R3A7P2WX",
          text: "Tom &amp; Jerry *here*",
          blocks: [
            { type: "section", text: { type: "plain_text", text: "Tom & Jerry *here*", emoji: true } },
          ],
          unfurl_links: false,
          unfurl_media: false,
        },
      },
    ]);
  });

  it("sends the choices as buttons", async () => {
    const { client, calls } = fakeClient();
    await slackSender(client).send(
      delivery(IN_DM, {
        kind: "question",
        text: "Would you like to take part?",
        choices: [
          { label: "Yes", value: "yes" },
          { label: "No", value: "no" },
        ],
        ref: "consent",
      }),
    );
    const actions = blocksOf(calls[0]).find((b) => b.type === "actions");
    expect(actions).toMatchObject({
      elements: [
        { action_id: "rapport_choice_0", value: "consent|yes" },
        { action_id: "rapport_choice_1", value: "consent|no" },
      ],
    });
  });

  it("opens a DM when there is no channel, once per user", async () => {
    const { client, calls } = fakeClient();
    const sender = slackSender(client);
    await sender.send(delivery({ user: "U05J3T6Q0HB" }, { text: "first" }));
    await sender.send(delivery({ user: "U05J3T6Q0HB" }, { text: "second" }));
    expect(calls.map((c) => c.method)).toEqual([
      "conversations.open",
      "chat.postMessage",
      "chat.postMessage",
    ]);
    expect(calls[0]?.args).toEqual({ users: "U05J3T6Q0HB" });
    expect(calls[1]?.args).toMatchObject({ channel: "D0OPENED1", text: "first" });
    expect(calls[2]?.args).toMatchObject({ channel: "D0OPENED1", text: "second" });
  });

  it("opens one DM per user", async () => {
    const { client, calls } = fakeClient();
    const sender = slackSender(client);
    await sender.send(delivery({ user: "U05J3T6Q0HB" }));
    await sender.send(delivery({ user: "U05MKD2J8TR" }));
    await sender.send(delivery({ user: "U05J3T6Q0HB" }));
    const opens = calls.filter((c) => c.method === "conversations.open").map((c) => c.args.users);
    expect(opens).toEqual(["U05J3T6Q0HB", "U05MKD2J8TR"]);
    const posts = calls.filter((c) => c.method === "chat.postMessage").map((c) => c.args.channel);
    expect(posts).toEqual(["D0OPENED1", "D0OPENED2", "D0OPENED1"]);
  });

  it("does not cache a DM that could not be opened", async () => {
    const { client, calls } = fakeClient({
      fail: (_call, index) => (index === 0 ? new WebAPIRequestError(new Error("socket hang up")) : undefined),
    });
    const sender = slackSender(client);
    expect((await failure(sender.send(delivery({ user: "U05J3T6Q0HB" })))).outcome).toBe("retry");
    await sender.send(delivery({ user: "U05J3T6Q0HB" }));
    expect(calls.map((c) => c.method)).toEqual([
      "conversations.open",
      "conversations.open",
      "chat.postMessage",
    ]);
  });

  it("asks to retry when conversations.open returns no channel", async () => {
    const { client, calls } = fakeClient({ openReturnsNoChannel: true });
    const error = await failure(slackSender(client).send(delivery({ user: "U05J3T6Q0HB" })));
    expect(error.outcome).toBe("retry");
    expect(error.message).toMatch(/conversations\.open/);
    expect(calls.map((c) => c.method)).toEqual(["conversations.open"]);
  });

  it("updates the pressed message for a reply that replaces it, without buttons", async () => {
    const { client, calls } = fakeClient();
    await slackSender(client).send(
      delivery({ user: "U05MKD2J8TR" }, { text: "Mood this week: 7", replaces: "D123:1700000000.000100" }),
    );
    expect(calls).toEqual([
      {
        method: "chat.update",
        args: {
          channel: "D123",
          ts: "1700000000.000100",
          text: "Mood this week: 7",
          blocks: [{ type: "section", text: { type: "plain_text", text: "Mood this week: 7", emoji: true } }],
        },
      },
    ]);
    expect(blocksOf(calls[0]).some((b) => b.type === "actions")).toBe(false);
  });

  it("updates the message a press came from (the source actionToEvent gives)", async () => {
    const press = JSON.parse(
      readFileSync(new URL("../../fixtures/slack/block-actions.json", import.meta.url), "utf8"),
    ) as SlackBlockActions;
    const event = actionToEvent(press);
    if (event?.input.kind !== "choice") throw new Error("expected a choice");
    const { client, calls } = fakeClient();
    await slackSender(client).send(
      delivery(event.address, { text: "Mood this week: 7", replaces: event.input.source }),
    );
    expect(calls.map((c) => [c.method, c.args.channel, c.args.ts])).toEqual([
      ["chat.update", "D06R3A7P2WX", "1718112650.331029"],
    ]);
  });

  it("refuses, permanently, a reference that is not a Slack message", async () => {
    const { client, calls } = fakeClient();
    const error = await failure(slackSender(client).send(delivery(IN_DM, { replaces: "D06R3A7P2WX:" })));
    expect(error.outcome).toBe("permanent");
    expect(calls).toEqual([]);
  });

  // A 429 with Retry-After, not_in_channel, a 5xx and network failures: the sender contract, at the end.
  describe("translates Slack's errors", () => {
    it("rate limited as a plain object with the same code and fields", async () => {
      const error = await translated({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
      expect(error.outcome).toBe("retry");
      expect(error.retryAfterMs).toBe(7000);
    });

    it("rate limited while opening the DM", async () => {
      const error = await translated(new WebAPIRateLimitedError(30), { user: "U05J3T6Q0HB" });
      expect(error.outcome).toBe("retry");
      expect(error.retryAfterMs).toBe(30_000);
    });

    for (const reason of [
      "user_not_found",
      "cannot_dm_bot",
      "channel_not_found",
      "user_disabled",
      "is_archived",
    ]) {
      it(`platform error ${reason} → unreachable`, async () => {
        const cause = new WebAPIPlatformError({ ok: false, error: reason });
        const error = await translated(cause);
        expect(error.outcome).toBe("unreachable");
        expect(error.retryAfterMs).toBeUndefined();
        expect(error.message).toContain(reason);
        expect(error.cause).toBe(cause);
      });
    }

    it("platform error user_not_found while opening the DM → unreachable", async () => {
      const error = await translated(new WebAPIPlatformError({ ok: false, error: "user_not_found" }), {
        user: "U05J3T6Q0HB",
      });
      expect(error.outcome).toBe("unreachable");
    });

    it("platform error as a plain object with the same code and data", async () => {
      const error = await translated({
        code: ErrorCode.PlatformError,
        data: { ok: false, error: "user_not_found" },
      });
      expect(error.outcome).toBe("unreachable");
    });

    // The app's own token refused: the bot's fault, so the message is kept (retry-policy.ts).
    for (const reason of ["invalid_auth", "not_authed", "token_revoked", "account_inactive"]) {
      it(`platform error ${reason} → refused`, async () => {
        const error = await translated(new WebAPIPlatformError({ ok: false, error: reason }));
        expect(error.outcome).toBe("refused");
      });
    }

    for (const reason of ["invalid_blocks", "msg_too_long", "message_not_found"]) {
      it(`platform error ${reason} → permanent`, async () => {
        const error = await translated(
          new WebAPIPlatformError({
            ok: false,
            error: reason,
            response_metadata: {
              messages: ["[ERROR] failed to match all allowed schemas [json-pointer:/blocks/0]"],
            },
          }),
        );
        expect(error.outcome).toBe("permanent");
        expect(error.message).toContain(reason);
      });
    }

    it("platform error ratelimited → retry", async () => {
      const error = await translated(new WebAPIPlatformError({ ok: false, error: "ratelimited" }));
      expect(error.outcome).toBe("retry");
    });

    it("platform error on chat.update → the same outcomes", async () => {
      const { client } = fakeClient({
        fail: () => new WebAPIPlatformError({ ok: false, error: "cant_update_message" }),
      });
      const error = await failure(
        slackSender(client).send(delivery(IN_DM, { replaces: "D06R3A7P2WX:1718112650.331029" })),
      );
      expect(error.outcome).toBe("permanent");
    });

    it("anything else → retry", async () => {
      const error = await translated(new TypeError("fetch failed"));
      expect(error.outcome).toBe("retry");
    });
  });
});

/** The sender as the channel builds it (the Web API client without its own retries), against the fake Slack. */
runSenderContract("Slack", async () => {
  const fake = new FakeSlack();
  const apiUrl = await fake.start();
  const channel = createSlackChannel(
    { botToken: "xoxb-contract", signingSecret: "s", apiUrl, tokenVerification: false },
    silentLog,
  );
  const posts = () =>
    fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === IN_DM.channel);
  return {
    sender: channel.sender,
    recipient: { externalId: IN_DM.user, address: IN_DM },
    callsPerSend: 1,
    delivered: () => posts().filter((c) => c.result !== undefined).length,
    calls: () => posts().length,
    rateLimitNext: (seconds) => fake.rateLimitNext("chat.postMessage", seconds),
    blockNext: () => fake.failNext("chat.postMessage", "not_in_channel"),
    serverErrorNext: (status) => fake.failStatusNext("chat.postMessage", status),
    resetNext: () => fake.resetNext("chat.postMessage"),
    hold: () => fake.hold("chat.postMessage"),
    stop: () => fake.stop(),
  };
});
