import type { RecordedCall } from "../test/fakes/fake-telegram.js";
import type { StoredFacts } from "./soak-db.js";
import type { Lifetime } from "./soak-fleet.js";

/** What the soak saw: the database after the run, the fake Bot API's record, and the clients' side. */
export interface SoakRecord {
  facts: StoredFacts;
  calls: readonly RecordedCall[];
  /** `${pair}:${ref}` of each press whose webhook request was acknowledged (200). */
  acknowledged: ReadonlyMap<string, number>;
  lifetimes: readonly Lifetime[];
  /** When a client asked "help", which repeats the open question on purpose. */
  helps: readonly { chat: number; at: number }[];
}

export interface SoakFindings {
  answersAcknowledged: number;
  answersMissing: number;
  checkinsCompleted: number;
  /** Completed check-ins whose summary neither reached the therapist nor is still queued: lost. */
  summariesMissing: number;
  /** Summaries still queued when the run ended, held by a killed instance's claim: late, not lost. */
  summariesQueued: number;
  /** A summary or question sent twice within one lifetime of an instance: a bug. */
  duplicatesWithinLifetime: number;
  /** Sent by one instance and again by another while the first still lived: a bug. */
  duplicatesAcrossLiveInstances: number;
  /** Sent again after the first sender was killed between the send and its record: the at-least-once window. */
  resentAcrossKill: number;
  /** Questions sent again because their client asked "help": not duplicates. */
  repeatedOnHelp: number;
  /** A question or summary that reached its chat after a later one: a bug. */
  outOfOrder: number;
  /** Each message sent twice or out of order: which, when and by which lifetimes, for finding out why (no content). */
  details: string[];
}

/** The check at the end of a soak: nothing acknowledged lost, nothing sent twice, everyone's messages in order. */
export function checkSoak(record: SoakRecord): SoakFindings {
  const { facts, acknowledged, lifetimes, helps } = record;
  let missing = 0;
  for (const key of acknowledged.keys()) {
    const ref = key.split(":").slice(1).join(":"); // checkin:<id>:<step>
    const [, id, step] = ref.split(":");
    const item = facts.plans.get(Number(id))?.[Number(step)];
    if (item && !facts.answered.has(`${id}:${item.instrument}.${item.item}`)) missing++;
  }
  const origin = lifetimes[0]?.start ?? 0;
  const lifeOf = (call: RecordedCall) => lifetimes.find((l) => l.via === call.via);
  const describe = (call: RecordedCall) => `+${call.at - origin} ms (lifetime ${lifeOf(call)?.id ?? "?"})`;
  const sent = record.calls.filter((c) => c.method === "sendMessage" && c.result !== undefined);
  const seen = new Map<string, RecordedCall[]>();
  for (const c of sent) {
    const key = keyOf(c);
    if (!key) continue;
    const list = seen.get(key);
    if (list) list.push(c);
    else seen.set(key, [c]);
  }
  // A summary is keyed by its therapist's chat: a queued one by the therapist's id as the chat.
  const summarised = new Set([...seen.keys()].filter((k) => k.startsWith("summary:")));
  for (const queued of facts.queuedToTherapists) {
    const key = summaryKey(queued.chat, queued.text);
    if (key) summarised.add(key);
  }
  const findings: SoakFindings = {
    answersAcknowledged: acknowledged.size,
    answersMissing: missing,
    checkinsCompleted: facts.completed,
    summariesMissing: Math.max(0, facts.completed - summarised.size),
    summariesQueued: [...summarised].filter((k) => !seen.has(k)).length,
    duplicatesWithinLifetime: 0,
    duplicatesAcrossLiveInstances: 0,
    resentAcrossKill: 0,
    repeatedOnHelp: 0,
    outOfOrder: 0,
    details: [],
  };
  const keyed = byChat(sent.filter((c) => keyOf(c) !== undefined));
  const used = new Set<{ chat: number; at: number }>();
  for (const [key, calls] of seen) {
    const chat = Number(key.split(":")[1]);
    for (let k = 1; k < calls.length; k++) {
      const [first, again] = [calls[k - 1], calls[k]];
      if (!first || !again) continue;
      // A question repeated because its client asked "help" was asked for. The client asked while
      // it waited for this question: after the one before it first reached the chat, and before
      // the repeat (the first send may come after the help, or long after it when the help waited
      // out a restart or a claim's lease). Each help explains one repeat.
      const since = waitingSince(keyed.get(chat) ?? [], first, key) ?? Number.NEGATIVE_INFINITY;
      const help = helps.find((h) => h.chat === chat && !used.has(h) && h.at > since && h.at < again.at);
      if (help) {
        used.add(help);
        findings.repeatedOnHelp++;
        continue;
      }
      const [before, after] = [lifeOf(first), lifeOf(again)];
      let kind: string;
      if (before && before === after) {
        findings.duplicatesWithinLifetime++;
        kind = "sent twice within a lifetime";
      } else if (before?.killed && before.end <= again.at) {
        // The first sender died before it could record the send: the next sends it again.
        findings.resentAcrossKill++;
        continue;
      } else {
        findings.duplicatesAcrossLiveInstances++;
        kind = "sent by two live instances";
      }
      findings.details.push(
        `${kind}: ${key.replace(/"text":"[^"]*",?/g, "")} at ${describe(first)} and ${describe(again)}`,
      );
    }
  }
  for (const [chat, calls] of byChat(sent)) {
    let last: { rank: number[]; call: RecordedCall } | undefined;
    for (const call of calls) {
      const rank = rankOf(call);
      if (!rank) continue;
      if (last && compare(rank, last.rank) < 0) {
        findings.outOfOrder++;
        findings.details.push(
          `out of order to ${chat}: ${rank.join(".")} at ${describe(call)} after ${last.rank.join(".")} at ${describe(last.call)}`,
        );
      }
      last = { rank, call };
    }
  }
  return findings;
}

/** Which message a call carries, so that two sends of one message have one key; undefined: not checked. */
function keyOf(c: RecordedCall): string | undefined {
  const text = String(c.body.text);
  const summary = summaryKey(Number(c.body.chat_id), text);
  if (summary) return summary;
  if (/^(?:.*\n\n)?(\d)\/9\./s.test(text))
    return `question:${c.body.chat_id}:${JSON.stringify(c.body.reply_markup)}`;
  return undefined;
}

/** The key of a summary to the therapist in `chat`, or undefined when the text is not a summary. */
function summaryKey(chat: number, text: string): string | undefined {
  const summary = /^(c\d+), check-in (\d+) ·/.exec(text);
  return summary ? `summary:${chat}:${summary[1]}:${summary[2]}` : undefined;
}

/**
 * Where a message stands in its recipient's order: a question by its check-in and step (from the
 * reference its buttons carry), a summary by the check-in's number. Each chat gets one kind.
 */
function rankOf(c: RecordedCall): number[] | undefined {
  const summary = /^c\d+, check-in (\d+) ·/.exec(String(c.body.text));
  if (summary) return [Number(summary[1])];
  const markup = c.body.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  const ref = /^checkin:(\d+):(\d+)\|/.exec(markup?.inline_keyboard?.[0]?.[0]?.callback_data ?? "");
  return ref ? [Number(ref[1]), Number(ref[2])] : undefined;
}

/**
 * When the client began to wait for the message `key` sent as `call`: when the message before it
 * in the chat (another one) first arrived. Not its latest arrival: a copy of it may come late
 * (queued by an earlier help, held by a killed instance's claim) while the client already waits
 * for this one.
 */
function waitingSince(chat: readonly RecordedCall[], call: RecordedCall, key: string): number | undefined {
  for (let i = chat.indexOf(call) - 1; i >= 0; i--) {
    const other = chat[i];
    const before = other ? keyOf(other) : undefined;
    if (before !== undefined && before !== key) return chat.find((c) => keyOf(c) === before)?.at;
  }
  return undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function byChat(calls: readonly RecordedCall[]): Map<number, RecordedCall[]> {
  const chats = new Map<number, RecordedCall[]>();
  for (const c of calls) {
    const chat = Number(c.body.chat_id);
    const list = chats.get(chat);
    if (list) list.push(c);
    else chats.set(chat, [c]);
  }
  return chats;
}
