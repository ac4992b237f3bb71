import { type Api, GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { createTelegramChannel } from "../../../adapters/telegram/telegram-channel.js";
import { telegramSender } from "../../../adapters/telegram/telegram-sender.js";
import { DeliveryError } from "../../../src/delivery/channel-sender.js";
import type { Delivery, OutboundMessage } from "../../../src/model.js";
import { FakeTelegram } from "../../fakes/fake-telegram.js";
import { silentLog } from "../../helpers/conversation.js";
import { runSenderContract } from "../sender-contract.js";

interface Call {
  method: "sendMessage" | "editMessageText";
  args: unknown[];
}

/** Just the two Api methods the sender uses; records every call, and throws what `fail` returns. */
function fakeApi(fail?: (call: Call, index: number) => unknown) {
  const calls: Call[] = [];
  let messageId = 500;
  const record = (call: Call) => {
    calls.push(call);
    const error = fail?.(call, calls.length - 1);
    if (error !== undefined) throw error;
  };
  const api = {
    sendMessage: async (...args: unknown[]) => {
      record({ method: "sendMessage", args });
      return {
        message_id: ++messageId,
        date: 1718112700,
        chat: { id: args[0], type: "private" },
        text: args[1],
      };
    },
    editMessageText: async (...args: unknown[]) => {
      record({ method: "editMessageText", args });
      return true;
    },
  };
  return { api: api as unknown as Api, calls };
}

function grammyError(
  method: string,
  error_code: number,
  description: string,
  parameters?: { retry_after?: number },
): GrammyError {
  return new GrammyError(
    `Call to '${method}' failed!`,
    { ok: false, error_code, description, ...(parameters ? { parameters } : {}) },
    method,
    { chat_id: 381294756 },
  );
}

function delivery(message: Partial<OutboundMessage> = {}): Delivery {
  return {
    outboxId: 17,
    channel: "telegram",
    externalId: "381294756",
    address: { chatId: 381294756 },
    message: { kind: "info", text: "Thanks, see you next week.", ...message },
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

describe("telegramSender", () => {
  it("is the telegram channel, with Telegram's sending limits", () => {
    const sender = telegramSender(fakeApi().api);
    expect(sender.channel).toBe("telegram");
    expect(sender.limits).toEqual({
      perRecipient: { burst: 3, perSecond: 1 },
      global: { burst: 25, perSecond: 25 },
    });
  });

  it("sends a message as HTML without link previews", async () => {
    const { api, calls } = fakeApi();
    await telegramSender(api).send(delivery({ text: "Score < 5 & steady" }));
    expect(calls).toEqual([
      {
        method: "sendMessage",
        args: [
          381294756,
          "Score &lt; 5 &amp; steady",
          { parse_mode: "HTML", reply_markup: undefined, link_preview_options: { is_disabled: true } },
        ],
      },
    ]);
  });

  it("sends a question with its keyboard, callback data carrying the ref", async () => {
    const { api, calls } = fakeApi();
    await telegramSender(api).send(
      delivery({
        kind: "question",
        text: "Did you sleep well?",
        ref: "checkin:12:4",
        choices: [
          { label: "Yes", value: "yes" },
          { label: "No", value: "no" },
        ],
      }),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[2]).toEqual({
      parse_mode: "HTML",
      reply_markup: {
        inline_keyboard: [
          [
            { text: "Yes", callback_data: "checkin:12:4|yes" },
            { text: "No", callback_data: "checkin:12:4|no" },
          ],
        ],
      },
      link_preview_options: { is_disabled: true },
    });
  });

  it("sends a long message as several messages, the keyboard only on the last", async () => {
    const { api, calls } = fakeApi();
    const text = Array.from({ length: 300 }, (_, i) => `Line ${i}: how things went this week.`).join("\n");
    await telegramSender(api).send(
      delivery({
        kind: "question",
        text,
        ref: "checkin:12:5",
        choices: Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: String(i) })),
      }),
    );
    expect(calls.length).toBeGreaterThan(1);
    for (const [i, call] of calls.entries()) {
      expect(call.method).toBe("sendMessage");
      expect(call.args[0]).toBe(381294756);
      expect((call.args[1] as string).length).toBeLessThanOrEqual(4096);
      const options = call.args[2] as { parse_mode: string; reply_markup?: { inline_keyboard: unknown[][] } };
      expect(options.parse_mode).toBe("HTML");
      if (i < calls.length - 1) expect(options.reply_markup).toBeUndefined();
      else expect(options.reply_markup?.inline_keyboard.map((row) => row.length)).toEqual([6, 5]);
    }
    expect(calls.map((c) => c.args[1]).join("\n")).toBe(text);
  });

  it("edits the pressed message for a message that replaces it, as HTML and without a keyboard", async () => {
    const { api, calls } = fakeApi();
    await telegramSender(api).send(
      delivery({
        kind: "info",
        text: "You answered 7 & moved on.",
        replaces: "42:7",
        ref: "checkin:12:3",
        choices: [{ label: "7", value: "7" }],
      }),
    );
    expect(calls).toEqual([
      { method: "editMessageText", args: [42, 7, "You answered 7 &amp; moved on.", { parse_mode: "HTML" }] },
    ]);
  });

  it("edits a message in a group chat (negative chat id)", async () => {
    const { api, calls } = fakeApi();
    await telegramSender(api).send(delivery({ text: "Noted.", replaces: "-1001234567890:15" }));
    expect(calls[0]?.args.slice(0, 2)).toEqual([-1001234567890, 15]);
  });

  it("treats an edit Telegram reports as 'message is not modified' as done", async () => {
    const { api, calls } = fakeApi(() =>
      grammyError(
        "editMessageText",
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      ),
    );
    await expect(telegramSender(api).send(delivery({ replaces: "42:7" }))).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it("fails an edit of a message that is gone permanently", async () => {
    const { api } = fakeApi(() =>
      grammyError("editMessageText", 400, "Bad Request: message to edit not found"),
    );
    const error = await failure(telegramSender(api).send(delivery({ replaces: "42:7" })));
    expect(error.outcome).toBe("permanent");
  });

  it("reports a 401 (the Bot API refused the bot's token) as refused, not as the message's fault", async () => {
    const { api } = fakeApi(() => grammyError("sendMessage", 401, "Unauthorized"));
    const error = await failure(telegramSender(api).send(delivery({})));
    expect(error.outcome).toBe("refused");
  });

  it("fails permanently, without calling Telegram, for an unusable message reference", async () => {
    const { api, calls } = fakeApi();
    const error = await failure(telegramSender(api).send(delivery({ replaces: "not-a-source" })));
    expect(error.outcome).toBe("permanent");
    expect(calls).toEqual([]);
  });

  // 429 with retry_after, 403, 5xx and network failures: the sender contract, at the end.
  describe("turns Telegram's errors into delivery outcomes", () => {
    it("429 without retry_after → retry after a second", async () => {
      const { api } = fakeApi(() => grammyError("sendMessage", 429, "Too Many Requests"));
      const error = await failure(telegramSender(api).send(delivery()));
      expect(error.outcome).toBe("retry");
      expect(error.retryAfterMs).toBe(1000);
    });

    it("400 → permanent", async () => {
      const cause = grammyError("sendMessage", 400, "Bad Request: chat not found");
      const { api } = fakeApi(() => cause);
      const error = await failure(telegramSender(api).send(delivery()));
      expect(error.outcome).toBe("permanent");
      expect(error.cause).toBe(cause);
    });

    it("anything unexpected → retry", async () => {
      const { api } = fakeApi(() => new TypeError("boom"));
      const error = await failure(telegramSender(api).send(delivery()));
      expect(error.outcome).toBe("retry");
    });

    it("an edit that fails with 403 → unreachable", async () => {
      const { api } = fakeApi(() =>
        grammyError("editMessageText", 403, "Forbidden: bot was blocked by the user"),
      );
      const error = await failure(telegramSender(api).send(delivery({ replaces: "42:7" })));
      expect(error.outcome).toBe("unreachable");
    });

    it("a failure on a later part of a long message fails the send", async () => {
      const text = Array.from({ length: 300 }, (_, i) => `Line ${i}: how things went this week.`).join("\n");
      const { api, calls } = fakeApi((_, index) =>
        index === 1
          ? grammyError("sendMessage", 429, "Too Many Requests: retry after 2", { retry_after: 2 })
          : undefined,
      );
      const error = await failure(telegramSender(api).send(delivery({ text })));
      expect(error.outcome).toBe("retry");
      expect(error.retryAfterMs).toBe(2000);
      expect(calls).toHaveLength(2);
    });
  });
});

/** The sender as the channel builds it (grammY's client, its time-out), against the fake Bot API. */
runSenderContract("Telegram", async () => {
  const fake = new FakeTelegram();
  const apiRoot = await fake.start();
  const chatId = 381294756;
  const toChat = () => fake.sent().filter((c) => Number(c.body.chat_id) === chatId);
  return {
    sender: createTelegramChannel({ token: "123456:CONTRACT", apiRoot }, silentLog).sender,
    recipient: { externalId: String(chatId), address: { chatId } },
    callsPerSend: 1,
    delivered: () => toChat().filter((c) => c.result !== undefined).length,
    calls: () => toChat().length,
    rateLimitNext: (seconds) =>
      fake.failNext("sendMessage", 429, `Too Many Requests: retry after ${seconds}`, {
        retry_after: seconds,
      }),
    blockNext: () => fake.failNext("sendMessage", 403, "Forbidden: bot was blocked by the user"),
    serverErrorNext: (status) => fake.failNext("sendMessage", status, "Service Unavailable"),
    resetNext: () => fake.resetNext("sendMessage"),
    hold: () => fake.hold("sendMessage"),
    stop: () => fake.stop(),
  };
});
