import type { KnownBlock } from "@slack/types";
import type { OutboundMessage } from "../../src/model.js";
import { splitText } from "../split-text.js";

/** Slack's limit for the text of one section block. */
export const SECTION_MAX = 3000;

/** A button's value carries the question's ref and the chosen value (Slack allows 2,000 characters). */
export function encodeValue(ref: string | undefined, value: string): string {
  return `${ref ?? ""}|${value}`;
}

export function decodeValue(data: string): { ref?: string; value: string } {
  const bar = data.lastIndexOf("|");
  if (bar < 0) return { value: data };
  const ref = data.slice(0, bar);
  return { ref: ref === "" ? undefined : ref, value: data.slice(bar + 1) };
}

/** Slack's three control characters in text; everything else, "*" and "_" included, stays as typed. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Block Kit for a message: the text as plain_text sections (so a client's "*" and "_" are not
 * read as formatting), and the choices as buttons in one actions block.
 */
export function renderBlocks(message: OutboundMessage): { text: string; blocks: KnownBlock[] } {
  const body = message.urgent ? `⚠️ ${message.text}` : message.text;
  const blocks: KnownBlock[] = splitText(body || " ", SECTION_MAX).map((part) => ({
    type: "section",
    text: { type: "plain_text", text: part, emoji: true },
  }));
  const choices = message.choices ?? [];
  if (choices.length > 0) {
    blocks.push({
      type: "actions",
      block_id: "rapport_choices",
      elements: choices.map((c, i) => ({
        type: "button",
        action_id: `rapport_choice_${i}`,
        text: { type: "plain_text", text: buttonText(c.label), emoji: true },
        value: encodeValue(message.ref, c.value),
        ...(message.urgent ? { style: "danger" as const } : {}),
      })),
    });
  }
  // The top-level text is what notifications show.
  return { text: escapeSlack(splitText(body, SECTION_MAX)[0] ?? ""), blocks };
}

/** Slack refuses a whole message whose button text is over 75 characters: a longer label is cut. */
export const BUTTON_MAX = 75;

/**
 * A button's label as Slack takes it. Buttons wrap onto further lines in an actions block, so a
 * label of a 0 to 3 scale fits whole; only one over Slack's limit is shortened, never refused.
 */
function buttonText(label: string): string {
  const chars = [...label];
  return chars.length <= BUTTON_MAX ? label : `${chars.slice(0, BUTTON_MAX - 1).join("")}…`;
}

/** "channel:ts", the source of a press, as Slack's ids. */
export function parseSource(source: string): { channel: string; ts: string } | undefined {
  const match = /^([A-Z0-9]+):(\d+\.\d+)$/.exec(source);
  if (!match) return undefined;
  return { channel: match[1] ?? "", ts: match[2] ?? "" };
}
