import { type RiskMatcher, riskMatcher } from "../clinical/risk-screen.js";
import type { OutboundMessage } from "../model.js";
import type { PromptCatalog } from "../prompts/load.js";
import type { Wording } from "../prompts/render.js";
import type { Client, RiskAlert, Tx } from "../store/types.js";
import type { EngineDeps, Turn } from "./turn.js";

/**
 * The risk path (CLINICAL.md): the client gets the clinic's crisis message before anything
 * else, the therapist an URGENT message with an "I've seen this" choice, and an unacknowledged
 * alert goes to the on-call contact after the configured time. Every step is stored with its time.
 */
export type RiskTrigger =
  | { source: "safety_question" }
  | { source: "free_text"; phrases: string[]; text: string };

export const SEEN_WORD = "seen";

export async function raiseRisk(
  turn: Turn,
  client: Client,
  checkinId: number | null,
  trigger: RiskTrigger,
): Promise<void> {
  const w = turn.wording;
  // Urgent messages are delivered ahead of everything else queued for the client.
  await turn.send(client.personId, {
    kind: "urgent",
    urgent: true,
    text: w.t("crisis_message", { crisis: turn.deps.crisisText }),
  });
  const minutes = turn.deps.clinic.risk.escalateAfterMinutes;
  const escalateAt = new Date(Date.parse(turn.now) + minutes * 60_000).toISOString();
  const alertId = await turn.tx.createRiskAlert(
    {
      clientId: client.personId,
      checkinId,
      source: trigger.source,
      matched: trigger.source === "free_text" ? trigger.phrases : [],
      escalateAt,
    },
    turn.now,
  );
  const tw = await turn.wordingOf(client.therapistId);
  const text =
    trigger.source === "safety_question"
      ? tw.t("urgent_safety", { alias: client.alias })
      : tw.t("urgent_text", { alias: client.alias, phrases: quoted(trigger.phrases), text: trigger.text });
  await turn.send(client.therapistId, urgentMessage(tw, alertId, text), client.personId);
}

function quoted(phrases: readonly string[]): string {
  return phrases.map((p) => `"${p}"`).join(", ");
}

function urgentMessage(w: Wording, alertId: number, text: string): OutboundMessage {
  return {
    kind: "urgent",
    urgent: true,
    text,
    choices: [{ label: w.t("seen_label"), value: `${SEEN_WORD} ${alertId}` }],
    ref: `risk:${alertId}`,
  };
}

/** `seen N`: the therapist of the client, or the on-call contact it went to, acknowledges alert N. */
export async function acknowledgeRisk(
  turn: Turn,
  personId: number,
  rawId: string | undefined,
): Promise<void> {
  const w = turn.wording;
  const id = Number(rawId);
  const alert = Number.isInteger(id) && id > 0 ? await turn.tx.getRiskAlert(id) : undefined;
  const client = alert ? await turn.tx.getClient(alert.clientId) : undefined;
  if (!alert || !client || !(await mayAcknowledge(turn, personId, client))) {
    return turn.replyText(w.t("seen_unknown"));
  }
  if (alert.acknowledgedAt) return turn.replyText(w.t("seen_already"));
  await turn.tx.acknowledgeRiskAlert(alert.id, personId, turn.now);
  await turn.replyText(w.t("seen_ok"));
}

async function mayAcknowledge(turn: Turn, personId: number, client: Client): Promise<boolean> {
  if (client.therapistId === personId) return true;
  const onCall = turn.deps.clinic.risk.onCall;
  if (!onCall) return false;
  return (await turn.tx.findTherapistByName(onCall))?.id === personId;
}

/**
 * Sends every unacknowledged alert whose time has come to the on-call contact, once.
 * Driven by the stored escalation times, so a restart neither loses nor repeats one.
 */
export interface EscalationPass {
  /** Alerts sent to the on-call contact, or closed because the clinic has none. */
  handled: number;
  /** Alerts due while the configured on-call contact is not registered yet: they stay due. */
  waitingForOnCall: number;
}

export async function escalateDue(
  tx: Tx,
  deps: EngineDeps,
  now: string,
  wordingOf: (personId: number) => Promise<Wording>,
): Promise<EscalationPass> {
  const due = await tx.dueEscalations(now);
  const onCallName = deps.clinic.risk.onCall;
  if (due.length === 0) return { handled: 0, waitingForOnCall: 0 };
  if (!onCallName) {
    for (const alert of due) await tx.recordEscalation(alert.id, null, "no on-call contact configured", now);
    return { handled: due.length, waitingForOnCall: 0 };
  }
  const onCall = await tx.findTherapistByName(onCallName);
  // A named but unregistered on-call contact is a setup mistake: the alerts wait for them.
  if (!onCall) return { handled: 0, waitingForOnCall: due.length };
  for (const alert of due) await sendEscalation(tx, deps, alert, onCall.id, now, wordingOf);
  return { handled: due.length, waitingForOnCall: 0 };
}

async function sendEscalation(
  tx: Tx,
  deps: EngineDeps,
  alert: RiskAlert,
  onCallId: number,
  now: string,
  wordingOf: (personId: number) => Promise<Wording>,
): Promise<void> {
  const client = await tx.getClient(alert.clientId);
  const therapist = client ? await tx.getPerson(client.therapistId) : undefined;
  const w = await wordingOf(onCallId);
  const what =
    alert.source === "safety_question"
      ? w.t("risk_what_safety")
      : w.t("risk_what_text", { phrases: quoted(alert.matched) });
  const text = w.t("urgent_escalated", {
    alias: client?.alias ?? "",
    therapist: therapist?.name ?? "",
    minutes: deps.clinic.risk.escalateAfterMinutes,
    what,
  });
  await tx.enqueue(onCallId, urgentMessage(w, alert.id, text), now);
  await tx.recordEscalation(alert.id, onCallId, "sent to on-call", now);
}

/**
 * Screens what the sender typed. A client's disclosure takes the whole risk path; someone
 * rapport does not know gets the crisis text at once (there is no therapist to tell).
 * Runs before anything else in a turn, so the crisis message is the first reply.
 */
export async function screenRisk(
  turn: Turn,
  client: Client | undefined,
  checkinId: number | null,
): Promise<void> {
  const input = turn.event.input;
  if (input.kind !== "text") return;
  const phrases = catalogRiskMatcher(turn.deps.catalog).match(input.text);
  if (phrases.length === 0) return;
  if (client) return raiseRisk(turn, client, checkinId, { source: "free_text", phrases, text: input.text });
  await turn.reply({
    kind: "urgent",
    urgent: true,
    text: turn.wording.t("crisis_message_unknown", { crisis: turn.deps.crisisText }),
  });
}

const matchers = new WeakMap<PromptCatalog, RiskMatcher>();

/** One matcher over the risk phrases of every language in the catalog, built once. */
export function catalogRiskMatcher(catalog: PromptCatalog): RiskMatcher {
  let matcher = matchers.get(catalog);
  if (!matcher) {
    matcher = riskMatcher([...catalog.languages.values()].flatMap((pack) => pack.riskPhrases));
    matchers.set(catalog, matcher);
  }
  return matcher;
}
