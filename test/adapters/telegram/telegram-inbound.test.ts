import { readFileSync } from "node:fs";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import {
  ALLOWED_UPDATES,
  TELEGRAM_CHANNEL,
  toInboundEvent,
} from "../../../adapters/telegram/telegram-inbound.js";
import type { InboundEvent } from "../../../src/model.js";

function fixture(name: string): Update {
  const url = new URL(`../../fixtures/telegram/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Update;
}

describe("toInboundEvent", () => {
  it("turns a private text message into a direct text event", () => {
    expect(toInboundEvent(fixture("message-text"))).toEqual({
      channel: "telegram",
      id: "846213507",
      sender: { id: "381294756", name: "Mara", locale: "en" },
      address: { chatId: 381294756 },
      direct: true,
      input: { kind: "text", text: "7" },
    } satisfies InboundEvent);
  });

  it("passes /start with its payload through as text, with the user's language", () => {
    expect(toInboundEvent(fixture("start-with-payload"))).toEqual({
      channel: "telegram",
      id: "846213490",
      sender: { id: "552073318", name: "Jonas", locale: "de" },
      address: { chatId: 552073318 },
      direct: true,
      input: { kind: "text", text: "/start ABCD-EFGH-JKMN" },
    } satisfies InboundEvent);
  });

  it("turns a button press into a choice with the question's ref and the message as source", () => {
    const event = toInboundEvent(fixture("callback-query"));
    expect(event).toEqual({
      channel: "telegram",
      id: "846213512",
      sender: { id: "381294756", name: "Mara", locale: "en" },
      address: { chatId: 381294756 },
      direct: true,
      input: { kind: "choice", value: "7", ref: "checkin:12:3", source: "381294756:219" },
      acknowledgesPresses: true,
    } satisfies InboundEvent);
  });

  it("reads a button from before refs were encoded (no '|') as a bare value without ref", () => {
    const event = toInboundEvent(fixture("callback-old-format"));
    expect(event).toEqual({
      channel: "telegram",
      id: "846213513",
      sender: { id: "381294756", name: "Mara", locale: "en" },
      address: { chatId: 381294756 },
      direct: true,
      input: { kind: "choice", value: "7", source: "381294756:187" },
      acknowledgesPresses: true,
    } satisfies InboundEvent);
    expect(event?.input.kind === "choice" && event.input.ref).toBeFalsy();
  });

  it("turns a sticker (no text) into empty text, so the question is asked again", () => {
    expect(toInboundEvent(fixture("sticker"))).toEqual({
      channel: "telegram",
      id: "846213509",
      sender: { id: "381294756", name: "Mara", locale: "en" },
      address: { chatId: 381294756 },
      direct: true,
      input: { kind: "text", text: "" },
    } satisfies InboundEvent);
  });

  it("marks a message in a group chat as not direct", () => {
    expect(toInboundEvent(fixture("group-message"))).toEqual({
      channel: "telegram",
      id: "846213530",
      sender: { id: "381294756", name: "Mara", locale: "en" },
      address: { chatId: -4093817265 },
      direct: false,
      input: { kind: "text", text: "help" },
    } satisfies InboundEvent);
  });

  it("ignores edited messages", () => {
    expect(toInboundEvent(fixture("edited-message"))).toBeUndefined();
  });

  it("ignores update types it does not handle (my_chat_member)", () => {
    expect(toInboundEvent(fixture("ignored-update"))).toBeUndefined();
  });

  it("ignores messages from bots", () => {
    const update = fixture("message-text");
    if (!update.message) throw new Error("fixture has no message");
    update.message.from = { ...update.message.from, is_bot: true } as NonNullable<typeof update.message.from>;
    expect(toInboundEvent(update)).toBeUndefined();
  });

  it("ignores a message without a sender (posted on behalf of a chat)", () => {
    const update = fixture("group-message");
    if (!update.message) throw new Error("fixture has no message");
    delete (update.message as { from?: unknown }).from;
    expect(toInboundEvent(update)).toBeUndefined();
  });

  it("ignores a press without a chat message or without data", () => {
    const inline = fixture("callback-query");
    if (!inline.callback_query) throw new Error("fixture has no callback_query");
    delete (inline.callback_query as { message?: unknown }).message;
    (inline.callback_query as { inline_message_id?: string }).inline_message_id = "AgAAAJ2nAgCkM6UW3pXn";
    expect(toInboundEvent(inline)).toBeUndefined();

    const game = fixture("callback-query");
    if (!game.callback_query) throw new Error("fixture has no callback_query");
    delete (game.callback_query as { data?: unknown }).data;
    expect(toInboundEvent(game)).toBeUndefined();
  });

  it("leaves locale undefined when Telegram sends no language_code", () => {
    const update = fixture("message-text");
    if (!update.message?.from) throw new Error("fixture has no sender");
    delete update.message.from.language_code;
    expect(toInboundEvent(update)?.sender).toEqual({ id: "381294756", name: "Mara" });
    expect(toInboundEvent(update)?.sender.locale).toBeUndefined();
  });

  it("asks Telegram only for the update types it handles", () => {
    expect(TELEGRAM_CHANNEL).toBe("telegram");
    expect([...ALLOWED_UPDATES]).toEqual(["message", "callback_query"]);
  });
});
