import { codeInText } from "../codes.js";
import type { InboundEvent } from "../model.js";
import { riskItemsOf } from "../prompts/schema.js";
import type { Tx } from "../store/types.js";
import { parseChatWord } from "./chat-words.js";
import { stepOf } from "./checkin/plan.js";
import { type FloodLimiter, senderKey } from "./flood-limiter.js";
import { isSeenLabel } from "./risk/acknowledge.js";
import { SEEN_WORD } from "./risk/alerts.js";
import { catalogRiskScreen } from "./risk/screening.js";
import type { EngineDeps } from "./turn-context.js";

/**
 * The flood limits (flood-limiter.ts) applied to an inbound event inside its transaction: what
 * is safety-critical, and what an unknown sender would be told, are read from the store.
 */

function inputText(event: InboundEvent): string {
  return event.input.kind === "text" ? event.input.text : event.input.value;
}

/**
 * What an unknown sender's message gets in a direct chat (engine.ts `route` decides the same way):
 * the crisis text, an enrolment or link attempt, or the "how to start" answer.
 */
export function strangerAnswer(deps: EngineDeps, event: InboundEvent): "crisis" | "code" | "how_to_start" {
  const text = inputText(event);
  if (catalogRiskScreen(deps.catalog).screen(text)) return "crisis";
  const word = parseChatWord(text)?.word;
  if (word === "start" || word === "link" || codeInText(text)) return "code";
  return "how_to_start";
}

export type Admission = "process" | "notice" | "drop";

/**
 * Whether an inbound event is handled, dropped, or dropped with the flood notice. Called inside
 * the event's transaction, before anything is written, so a dropped event leaves no row (the
 * transaction commits having written nothing): it may read, never write. Inside rather than
 * before it, because the decision needs to know whether the sender is known, and the stored
 * identity is the truth about that across processes (`rapport console` beside `rapport serve`)
 * and after an erasure, which an in-memory set of known senders would not be; and because
 * transactions run one at a time, so two messages of one stranger arriving together cannot both
 * be told how to start. The reads are made only for a sender already over a limit, so an
 * ordinary message costs no extra query; a dropped one costs a transaction with a read or two.
 */
export async function admit(
  limiter: FloodLimiter,
  tx: Tx,
  deps: EngineDeps,
  event: InboundEvent,
  now: number,
  key = senderKey(event.channel, event.sender.id),
): Promise<Admission> {
  if (limiter.full(key, now)) {
    if (await safetyCritical(tx, deps, event)) return "process";
    const verdict = limiter.drop(key, now);
    // In a group the notice would be said in front of others: there the rest is dropped quietly.
    return verdict === "notice" && event.direct ? "notice" : "drop";
  }
  if (event.direct && limiter.toldHowToStart(key, now)) {
    const known = await tx.findIdentity(event.channel, event.sender.id);
    if (!known && strangerAnswer(deps, event) === "how_to_start") return "drop";
  }
  limiter.count(key, now);
  return "process";
}

/**
 * Input that must reach the risk path even from a sender over the limit: anything the risk
 * screen flags; a therapist's "seen N" (typed or the alert's button); and anything from a client
 * whose alert is open (it goes to the therapist with the alert), whose safety question waits for
 * an answer, or whose check-in stands at a question that raises risk (the safety question).
 */
async function safetyCritical(tx: Tx, deps: EngineDeps, event: InboundEvent): Promise<boolean> {
  const text = inputText(event);
  if (catalogRiskScreen(deps.catalog).screen(text)) return true;
  const identity = await tx.findIdentity(event.channel, event.sender.id);
  if (!identity) return false;
  const person = await tx.getPerson(identity.personId);
  if (!person) return false;
  if (person.role === "therapist")
    return parseChatWord(text)?.word === SEEN_WORD || isSeenLabel(deps.catalog, text);
  const client = await tx.getClient(person.id);
  if (!client) return false;
  if (await tx.openRiskAlert(client.personId)) return true;
  if (await tx.pendingConcern(client.personId)) return true;
  const open = client.status === "active" ? await tx.openCheckin(client.personId) : undefined;
  const step = open ? stepOf(open) : undefined;
  if (step?.kind !== "item") return false;
  const { instrument, item } = step.planItem;
  return [...deps.catalog.languages.values()].some((pack) => {
    const found = pack.instruments.get(instrument);
    return found !== undefined && riskItemsOf(found).some((r) => r.item === item);
  });
}
