import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { OutboundMessage } from "../../src/model.js";
import { choiceRows } from "../choice-rows.js";
import { splitText } from "../split-text.js";

/** Telegram's limit for a message text, in characters. */
export const MAX_TEXT = 4096;

/** rapport sends HTML parse mode, so only these three characters need escaping; "*" and "_" stay as typed. */
export function escapeHtml(text: string): string {
  // Most texts have none of them: returned as they are, without three passes that copy nothing.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const NEEDS_ESCAPE = /[&<>]/;

/** Callback data carries the question's ref and the chosen value (Telegram allows 64 bytes). */
export function encodeCallbackData(ref: string | undefined, value: string): string {
  return `${ref ?? ""}|${value}`;
}

export function decodeCallbackData(data: string): { ref?: string; value: string } {
  const bar = data.lastIndexOf("|");
  if (bar < 0) return { value: data };
  const ref = data.slice(0, bar);
  return { ref: ref === "" ? undefined : ref, value: data.slice(bar + 1) };
}

/** Telegram keeps up to eight buttons in a row; six numbers are as many as read well on a phone. */
const PER_ROW = 6;

/**
 * 0 to 10 fits two rows on a phone; short choices (yes/no, skip, "I've seen this") one row; long
 * labels ("More than half the days") a row each, so Telegram does not cut them (choice-rows.ts).
 */
export function keyboardFor(message: OutboundMessage): InlineKeyboardMarkup | undefined {
  const choices = message.choices ?? [];
  if (choices.length === 0) return undefined;
  const rows = choiceRows(choices, PER_ROW).map((row) =>
    row.map(
      (c): InlineKeyboardButton => ({
        text: c.label,
        callback_data: encodeCallbackData(message.ref, c.value),
      }),
    ),
  );
  return { inline_keyboard: rows };
}

/**
 * The text as HTML, urgent messages marked, split into parts Telegram accepts. Telegram's
 * limit counts the text after entities are parsed, so the plain text is split (at a line
 * break where there is one, never inside a character) and each part escaped on its own.
 */
export function textParts(message: OutboundMessage): string[] {
  // Nearly every message: one part, nothing to mark.
  if (!message.urgent && message.text.length <= MAX_TEXT) return [escapeHtml(message.text)];
  const marker = message.urgent ? "⚠️ " : "";
  return splitText(marker + message.text, MAX_TEXT).map((part, i) =>
    i === 0 && marker ? `<b>⚠️</b> ${escapeHtml(part.slice(marker.length))}` : escapeHtml(part),
  );
}

/** "chatId:messageId", the source of a press, as Telegram's ids. */
export function parseSource(source: string): { chatId: number; messageId: number } | undefined {
  const match = /^(-?\d+):(\d+)$/.exec(source);
  if (!match) return undefined;
  return { chatId: Number(match[1]), messageId: Number(match[2]) };
}
