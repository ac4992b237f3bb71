import { type Activity, type ConversationReference, TurnContext } from "botbuilder";
import type { InboundEvent } from "../../src/model.js";
import { tenantOf } from "./teams-trust.js";

export const TEAMS_CHANNEL = "teams";

/** What an Adaptive Card's Action.Submit sends back in activity.value. */
export interface SubmitValue {
  rapport: { ref?: string; value: string };
}

/**
 * Teams users are identified by their Entra object id where Teams gives one, else by the channel
 * id. Only strings: an id of another type is no user (and would not bind in SQLite).
 */
export function userId(activity: Partial<Activity>): string | undefined {
  const { aadObjectId, id } = (activity.from ?? {}) as { aadObjectId?: unknown; id?: unknown };
  if (typeof aadObjectId === "string" && aadObjectId !== "") return aadObjectId;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/**
 * The reference rapport stores to message a person later (continueConversationAsync). Without
 * the incoming activity's id: later messages are new messages in the chat, not replies to it.
 * The tenant goes into conversation.tenantId even when only channelData carried it, so that a
 * later activity can be compared with the stored reference (teams-trust sameOrigin).
 */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const { activityId: _reply, ...reference } = TurnContext.getConversationReference(activity);
  const tenantId = tenantOf(activity);
  if (tenantId !== undefined && reference.conversation && !reference.conversation.tenantId) {
    reference.conversation = { ...reference.conversation, tenantId };
  }
  return reference;
}

function isSubmit(value: unknown): value is SubmitValue {
  const inner = (value as SubmitValue | undefined)?.rapport;
  return typeof inner === "object" && inner !== null && typeof inner.value === "string";
}

/**
 * A message activity as the neutral event: typed text, or a card's submit with its value.
 * Other activity types give undefined here (installs are handled as greetings).
 */
export function toInboundEvent(activity: Partial<Activity>): InboundEvent | undefined {
  const from = userId(activity);
  if (activity.type !== "message" || !activity.id || !from) return undefined;
  const kind = activity.conversation?.conversationType;
  const base = {
    channel: TEAMS_CHANNEL,
    id: activity.id,
    sender: { id: from, name: activity.from?.name, locale: activity.locale },
    address: referenceOf(activity) as Record<string, unknown>,
    // The Emulator sends no conversation type; Teams says "personal" for the bot's own chat.
    direct: kind === undefined || kind === "personal",
  };
  if (isSubmit(activity.value)) {
    const { ref, value } = activity.value.rapport;
    return { ...base, input: { kind: "choice", value, ref, source: activity.replyToId } };
  }
  return { ...base, input: { kind: "text", text: stripMention(activity.text ?? "") } };
}

/** Teams puts "<at>rapport</at>" in the text of a mention; what the person asked is the rest. */
function stripMention(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, "").trim();
}

/** An install or a conversationUpdate that added the bot: time to store the reference and say hello. */
export function isGreeting(activity: Partial<Activity>): boolean {
  if (activity.type === "installationUpdate")
    return activity.action === "add" || activity.action === "add-upgrade";
  if (activity.type !== "conversationUpdate") return false;
  const bot = activity.recipient?.id;
  return (activity.membersAdded ?? []).some((m) => m.id === bot);
}
