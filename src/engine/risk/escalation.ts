import type { Wording } from "../../prompts/render.js";
import type { Client, RiskAlert, Tx } from "../../store/types.js";
import { elapsedText } from "../format.js";
import { type EngineDeps, therapistName } from "../turn-context.js";
import { alertIsAcute } from "./acute-alert.js";
import { sendUpdate, urgentMessage } from "./alerts.js";
import { alertAlias } from "./alias-line.js";
import { escalationNote, onCallFor } from "./on-call.js";
import { eventLines } from "./text.js";
import { urgentUnreached } from "./unreached.js";

/**
 * Escalation until someone acts (CLINICAL.md, "Risk and safety"): an alert nobody acknowledged
 * within `risk.escalateAfterMinutes` goes to the on-call contact with what they need to act, and
 * the treating therapist is told; it is repeated until either one acknowledges it, first after
 * `risk.repeatMinutes`, then after twice as long each time up to `risk.repeatMaxMinutes`: a
 * night of repeats every half hour is what makes a clinician mute the bot. With no on-call
 * contact the repeats go to the treating therapist. Driven by stored due times, so a restart
 * neither loses nor repeats a step.
 */

/** When the repeat after `repeats` earlier ones falls due. Pure. */
export function nextRepeatAt(
  now: string,
  repeats: number,
  risk: { repeatMinutes: number; repeatMaxMinutes: number },
): string {
  const minutes = Math.min(
    risk.repeatMinutes * 2 ** Math.min(repeats, 16),
    Math.max(risk.repeatMaxMinutes, risk.repeatMinutes),
  );
  return new Date(Date.parse(now) + minutes * 60_000).toISOString();
}
export interface EscalationPass {
  /** Alerts that took a timed step (escalated, repeated, or updated). */
  handled: number;
}

/** One pass of timed steps: the transaction, the engine's settings, the time, each person's wording. */
interface Pass {
  tx: Tx;
  deps: EngineDeps;
  now: string;
  wordingOf: (personId: number) => Promise<Wording>;
}

export async function escalateDue(
  tx: Tx,
  deps: EngineDeps,
  now: string,
  wordingOf: (personId: number) => Promise<Wording>,
): Promise<EscalationPass> {
  const pass: Pass = { tx, deps, now, wordingOf };
  const due = await tx.dueRiskAlerts(now);
  for (const alert of due) {
    const client = await tx.getClient(alert.clientId);
    if (!client) continue;
    if (alert.updateDueAt && alert.updateDueAt <= now) {
      await sendUpdate(tx, deps, alert, now, wordingOf);
    }
    if (!alert.escalatedAt && alert.escalateAt <= now) await escalate(pass, alert, client);
    else if (alert.nextRepeatAt && alert.nextRepeatAt <= now) await repeat(pass, alert, client);
  }
  return { handled: due.length };
}

async function escalate(pass: Pass, alert: RiskAlert, client: Client): Promise<void> {
  const { tx, deps, now, wordingOf } = pass;
  const { risk } = deps.config;
  // An on-call contact who cannot be reached (never linked, or the bot blocked) is no one to
  // escalate to: the treating therapist keeps getting the repeats, and the note says why.
  const onCall = await onCallFor(tx, risk.onCall, client);
  const to = onCall.kind === "on_call" ? onCall.person.id : null;
  await tx.updateRiskAlert(alert.id, {
    escalatedAt: now,
    escalatedTo: to,
    escalationNote: escalationNote(onCall),
    nextRepeatAt: nextRepeatAt(now, 0, risk),
  });
  await sendAlert(pass, { ...alert, escalatedTo: to }, client, "escalated");
  if (onCall.kind !== "on_call") return;
  const tw = await wordingOf(client.therapistId);
  await tx.enqueue(
    client.therapistId,
    {
      kind: "info",
      text: tw.t("urgent_escalated_told", { alias: client.alias, oncall: onCall.person.name }),
    },
    now,
    undefined,
    client.personId,
  );
  await tx.recordRiskStep(alert.id, "therapist_told_escalated", client.therapistId, now);
}

async function repeat(pass: Pass, alert: RiskAlert, client: Client): Promise<void> {
  const { tx, deps, now } = pass;
  const repeats = alert.repeats + 1;
  await tx.updateRiskAlert(alert.id, { nextRepeatAt: nextRepeatAt(now, repeats, deps.config.risk), repeats });
  await sendAlert(pass, alert, client, "repeated");
}

/**
 * Why an alert the clinic meant for its on-call contact stays with the treating therapist alone:
 * the client was told at consent that the on-call person gets it too, so the therapist who would
 * otherwise rely on them is told, by name, that they did not get it and why. Checked at each
 * repeat, for the contact may have been removed (while rapport runs) or unlinked since. With no
 * on-call contact at all, one line says that only they have it: repeats every few hours that never
 * say so read as noise, and a muted alert reaches nobody. Nothing when the therapist is on call
 * themselves.
 */
async function onCallMissing(
  tx: Tx,
  name: string | undefined,
  client: Client,
  w: Wording,
): Promise<string | undefined> {
  const onCall = await onCallFor(tx, name, client);
  if (onCall.kind === "none") return w.t("urgent_no_on_call");
  if (onCall.kind === "unknown") return w.t("urgent_on_call_unknown", { oncall: onCall.name });
  if (onCall.kind === "unreachable") return w.t("urgent_on_call_unreachable", { oncall: onCall.name });
  return undefined;
}

/** The whole alert (every event in it, the emergency details) to whoever holds it now. */
async function sendAlert(
  pass: Pass,
  alert: RiskAlert,
  client: Client,
  step: "escalated" | "repeated",
): Promise<void> {
  const { tx, deps, now, wordingOf } = pass;
  const to = alert.escalatedTo ?? client.therapistId;
  const w = await wordingOf(to);
  const events = await tx.riskEvents(client.personId, { alertId: alert.id });
  const open = Date.parse(now) - Date.parse(alert.createdAt);
  // {elapsed} in words ("6 days and 3 hours"); {minutes} stays for clinics' own prompt packs.
  const minutes = Math.round(open / 60_000);
  const elapsed = elapsedText(open, w.pack.language);
  const lines = eventLines(w, events, deps.config.clinic.timeZone, 6, client.alias);
  const alias = await alertAlias(tx, w, client, deps.config.clinic.timeZone);
  let text: string;
  if (alert.escalatedTo !== null) {
    const therapist = await therapistName(tx, client);
    const contact = (await tx.emergencyContact(client.personId)) ?? w.t("contact_none");
    text = w.t("urgent_escalated", {
      alias,
      therapist,
      elapsed,
      minutes,
      events: lines,
      contact,
    });
  } else {
    text = w.t("urgent_repeat", { alias, elapsed, minutes, events: lines });
    const missing = await onCallMissing(tx, deps.config.risk.onCall, client, w);
    if (missing) text = `${text}\n${missing}`;
  }
  // "I took 30 pills just now" is no "please follow up": the line to act at once goes with it each time.
  if (alertIsAcute(deps, events)) text = `${text}\n${w.t("urgent_update_acute")}`;
  const sent = await tx.enqueue(to, urgentMessage(w, alert.id, text), now, undefined, client.personId);
  if (!sent) await urgentUnreached(tx, deps, now, alert.id, client, to, step);
  const last = events.at(-1);
  if (last) await tx.updateRiskAlert(alert.id, { notifiedThrough: Math.max(alert.notifiedThrough, last.id) });
  await tx.recordRiskStep(alert.id, step, to, now);
}
