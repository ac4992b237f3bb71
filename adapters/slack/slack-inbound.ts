import type { InboundEvent, Sender } from "../../src/model.js";
import { decodeValue } from "./slack-render.js";

export const SLACK_CHANNEL = "slack";

/** The parts of an Events API message or app_mention event rapport reads. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel?: string;
  channel_type?: string;
  ts?: string;
}

/**
 * A message event as the neutral event, or undefined for what is not a person writing (bot
 * messages, edits, deletions, joins). Only a direct message is direct; a mention in a channel
 * is answered with a pointer to the DM.
 */
export function messageToEvent(
  eventId: string,
  event: SlackMessageEvent,
  sender: Partial<Sender> = {},
): InboundEvent | undefined {
  if (event.bot_id || !event.user || (event.subtype !== undefined && event.subtype !== "file_share"))
    return undefined;
  const direct = event.type === "message" && event.channel_type === "im";
  return {
    channel: SLACK_CHANNEL,
    id: eventId,
    sender: { ...sender, id: event.user },
    // Outside a DM the pointer to the DM is posted where the person wrote.
    address: { user: event.user, channel: event.channel },
    direct,
    input: { kind: "text", text: plainFromSlack(event.text ?? "") },
  };
}

/**
 * Slack's message text as the person typed it: mentions of the bot dropped, links and channel
 * names shown as their labels, and Slack's three escapes (&amp; &lt; &gt;) decoded.
 */
export function plainFromSlack(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, "")
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, "$1")
    .replace(/<((?:https?|mailto):[^>]*)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/** The parts of a block_actions payload rapport reads. */
export interface SlackBlockActions {
  user: { id: string };
  container?: { channel_id?: string; message_ts?: string };
  channel?: { id: string };
  actions: { action_id: string; value?: string; action_ts: string }[];
}

/**
 * A button press. Its identity for de-duplication is the action's own timestamp: a retried
 * delivery of the same press carries the same one.
 */
export function actionToEvent(
  payload: SlackBlockActions,
  sender: Partial<Sender> = {},
): InboundEvent | undefined {
  const action = payload.actions[0];
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  if (!action?.value || !channel) return undefined;
  const { ref, value } = decodeValue(action.value);
  return {
    channel: SLACK_CHANNEL,
    id: `action:${payload.user.id}:${action.action_ts}`,
    sender: { ...sender, id: payload.user.id },
    address: { user: payload.user.id, channel },
    direct: channel.startsWith("D"),
    input: { kind: "choice", value, ref, source: `${channel}:${payload.container?.message_ts ?? ""}` },
  };
}

/** `/rapport invite alex`: the text after the command is a chat word; answers go to the DM. */
export function commandToEvent(
  command: { trigger_id: string; user_id: string; text?: string },
  sender: Partial<Sender> = {},
): InboundEvent {
  return {
    channel: SLACK_CHANNEL,
    id: `command:${command.trigger_id}`,
    sender: { ...sender, id: command.user_id },
    address: { user: command.user_id },
    direct: true,
    input: { kind: "text", text: command.text?.trim() || "help" },
  };
}
