import type { RiskFinding } from "../../clinical/risk-finding.js";
import type { OutboundMessage } from "../../model.js";
import type { Wording } from "../../prompts/render.js";
import type { Client, NewRiskEvent, RiskAlert, RiskEvent, RiskTier, Tx } from "../../store/types.js";
import { alertRef } from "../refs.js";
import { crisisIn, type EngineDeps, type Turn } from "../turn-context.js";
import { acuteEscalateMinutes } from "./acute-alert.js";
import { alertAlias } from "./alias-line.js";
import { excerpt } from "./screening.js";
import { eventLines } from "./text.js";
import { urgentUnreached } from "./unreached.js";

/**
 * Raising risk (CLINICAL.md, "Risk and safety"). A client has at most one open alert: a later
 * disclosure while it is open is added to it, so one client cannot bury the alerts about others.
 * The client gets the crisis message each time, but at most once in ten minutes; the therapist
 * sees each addition with its words and time, in an update at most once in ten minutes.
 */

export const SEEN_WORD = "seen";
export const RISK_THROTTLE_MS = 10 * 60_000;
/** Risk words added to an open alert reach the therapist this soon after its last update. */
const RISK_WORDS_THROTTLE_MS = 60_000;

interface Disclosure {
  tier: RiskTier;
  source: RiskEvent["source"];
  words: string[];
  text: string;
  /** A yes to the safety question in the client's own words (RiskEvent.answerWords). */
  answerWords?: string;
  language: string | null;
  /** An overdose or attempt under way or just made (RiskFinding.acute). */
  acute?: boolean;
}

export function disclosureOf(finding: RiskFinding, text: string): Disclosure {
  return {
    tier: finding.tier,
    source: "free_text",
    words: finding.words.map((w) => excerpt(w, 200)),
    text: excerpt(text),
    language: finding.language,
    acute: finding.acute,
  };
}

/** The crisis message went out with this disclosure (false: it went less than ten minutes ago). */
export async function raiseRisk(
  turn: Turn,
  client: Client,
  checkinId: number | null,
  disclosure: Disclosure,
): Promise<{ crisisSent: boolean }> {
  const { tx, now } = turn;
  const open = await tx.openRiskAlert(client.personId);
  if (open) return addToAlert(turn, client, open, checkinId, disclosure);
  const { risk } = turn.deps.config;
  const minutes = disclosure.acute === true ? acuteEscalateMinutes(risk) : risk.escalateAfterMinutes;
  const alertId = await tx.createRiskAlert(
    {
      clientId: client.personId,
      checkinId,
      source: disclosure.source,
      matched: disclosure.words,
      escalateAt: new Date(Date.parse(now) + minutes * 60_000).toISOString(),
    },
    now,
  );
  const eventId = await tx.addRiskEvent({ ...event(client, checkinId, disclosure, now), alertId });
  await sendCrisis(turn, client, disclosure.language);
  await tx.recordRiskStep(alertId, "crisis_sent", client.personId, now);
  const tw = await turn.wordingOf(client.therapistId);
  const first = await tx.firstRiskEvent(client.personId, alertId);
  const { timeZone } = turn.deps.config.clinic;
  const alias = await alertAlias(tx, tw, client, timeZone);
  const text = first ? alertText(tw, alias, first, timeZone, disclosure.acute === true) : "";
  const sent = await tx.enqueue(
    client.therapistId,
    urgentMessage(tw, alertId, text),
    now,
    undefined,
    client.personId,
  );
  if (!sent)
    await urgentUnreached(tx, turn.deps, now, alertId, client, client.therapistId, "therapist_alerted");
  await tx.updateRiskAlert(alertId, { notifiedThrough: eventId });
  await tx.recordRiskStep(alertId, "therapist_alerted", client.therapistId, now);
  return { crisisSent: true };
}

async function addToAlert(
  turn: Turn,
  client: Client,
  alert: RiskAlert,
  checkinId: number | null,
  disclosure: Disclosure,
): Promise<{ crisisSent: boolean }> {
  const { tx, now } = turn;
  await tx.addRiskEvent({ ...event(client, checkinId, disclosure, now), alertId: alert.id });
  await tx.recordRiskStep(alert.id, "added", client.personId, now);
  const nowMs = Date.parse(now);
  // Words that say it is happening now bring the on-call contact in as soon as an acute alert would.
  const acuteAt = nowMs + acuteEscalateMinutes(turn.deps.config.risk) * 60_000;
  if (disclosure.acute === true && !alert.escalatedAt && acuteAt < Date.parse(alert.escalateAt))
    await tx.updateRiskAlert(alert.id, { escalateAt: new Date(acuteAt).toISOString() });
  const crisisDue = !alert.lastCrisisAt || nowMs - Date.parse(alert.lastCrisisAt) >= RISK_THROTTLE_MS;
  if (crisisDue) {
    await sendCrisis(turn, client, disclosure.language);
    await tx.updateRiskAlert(alert.id, { lastCrisisAt: now });
    await tx.recordRiskStep(alert.id, "crisis_sent", client.personId, now);
  }
  await noticeAddition(turn, alert, true, disclosure.acute === true);
  return { crisisSent: crisisDue };
}

/**
 * The therapist hears of the first addition to an alert at once (what follows a disclosure is
 * often the most urgent part), and of later ones in an update at most once in ten minutes; an
 * addition with risk words of its own ("i have a plan actually") at most a minute after the last,
 * so that it is not held for ten minutes behind a "kind of". Words that say it is happening now
 * ("i just took all my pills") are not held at all, and the update says to act at once.
 */
export async function noticeAddition(
  turn: Turn,
  alert: RiskAlert,
  riskWords: boolean,
  acute = false,
): Promise<void> {
  const nowMs = Date.parse(turn.now);
  const first = await turn.tx.firstRiskEvent(alert.clientId, alert.id);
  const onlyTheAlert = alert.lastNoticeAt === null || alert.notifiedThrough <= (first?.id ?? 0);
  const wait = riskWords ? RISK_WORDS_THROTTLE_MS : RISK_THROTTLE_MS;
  const noticeAt =
    acute || onlyTheAlert || !alert.lastNoticeAt ? nowMs : Date.parse(alert.lastNoticeAt) + wait;
  if (noticeAt <= nowMs) {
    const wordingOf = (id: number) => turn.wordingOf(id);
    await sendUpdate(turn.tx, turn.deps, alert, turn.now, wordingOf, acute);
  } else if (!alert.updateDueAt || Date.parse(alert.updateDueAt) > noticeAt) {
    // An update already due later (behind a plain message) comes sooner for risk words.
    await turn.tx.updateRiskAlert(alert.id, { updateDueAt: new Date(noticeAt).toISOString() });
  }
}

function event(client: Client, checkinId: number | null, d: Disclosure, at: string): NewRiskEvent {
  return {
    clientId: client.personId,
    alertId: null,
    checkinId,
    tier: d.tier,
    source: d.source,
    words: d.words,
    text: d.text,
    ...(d.answerWords ? { answerWords: d.answerWords } : {}),
    language: d.language,
    safetyAnswer: null,
    at,
  };
}

/** In the language of the words that raised it ("ich will nicht mehr leben"), else the client's. */
async function sendCrisis(turn: Turn, client: Client, spoken: string | null): Promise<void> {
  const w = await turn.wordingOf(client.personId, spoken);
  // Urgent messages go ahead of everything else queued for the client, and never wait for quiet hours.
  await turn.send(client.personId, {
    kind: "urgent",
    urgent: true,
    text: w.t("crisis_message", { crisis: crisisIn(turn.deps, w) }),
  });
}

/** The events of an alert the therapist has not been shown yet, in one urgent message. */
export async function sendUpdate(
  tx: Tx,
  deps: EngineDeps,
  alert: RiskAlert,
  now: string,
  wordingOf: (personId: number) => Promise<Wording>,
  /** The update carries words that say it is happening now (sent at once, never held). */
  acute = false,
): Promise<void> {
  const client = await tx.getClient(alert.clientId);
  const fresh = await tx.riskEvents(alert.clientId, { alertId: alert.id, afterId: alert.notifiedThrough });
  const last = fresh.at(-1);
  if (!client || !last) {
    await tx.updateRiskAlert(alert.id, { updateDueAt: null });
    return;
  }
  const tw = await wordingOf(client.therapistId);
  const textIn = (w: Wording) => {
    const update = w.t("urgent_update", {
      alias: client.alias,
      id: alert.id,
      times: w.plural(fresh.length, "more_times_one", "more_times_other"),
      events: eventLines(w, fresh, deps.config.clinic.timeZone, 6, client.alias),
    });
    return acute ? `${update}\n${w.t("urgent_update_acute")}` : update;
  };
  const recipients = [client.therapistId, ...(alert.escalatedTo ? [alert.escalatedTo] : [])];
  for (const personId of recipients) {
    const w = personId === client.therapistId ? tw : await wordingOf(personId);
    const sent = await tx.enqueue(
      personId,
      urgentMessage(w, alert.id, textIn(w)),
      now,
      undefined,
      client.personId,
    );
    if (!sent) await urgentUnreached(tx, deps, now, alert.id, client, personId, "update_sent");
  }
  await tx.updateRiskAlert(alert.id, { notifiedThrough: last.id, lastNoticeAt: now, updateDueAt: null });
  await tx.recordRiskStep(alert.id, "update_sent", client.therapistId, now);
}

/** Acute words ("took all my pills"): reach them at once or follow the emergency procedure, not "today". */
function alertText(w: Wording, alias: string, first: RiskEvent, timeZone: string, acute: boolean): string {
  const [line = ""] = eventLines(w, [first], timeZone).split("\n");
  return w.t(acute ? "urgent_alert_acute" : "urgent_alert", {
    alias,
    what: sentence(line.replace(/^- /, "")),
  });
}

/**
 * The event's line as a sentence of the alert, before "They were shown...": a line that ends with
 * the matched words ('(matched: "…")') or a quote without its own stop gets a full stop. A quote
 * that ends with one ('"I can't do this anymore."', '"can you help?"') is left as written.
 */
export function sentence(line: string): string {
  return /[.!?…]["'”“’»«]*$/.test(line) ? line : `${line}.`;
}

export function urgentMessage(w: Wording, alertId: number, text: string): OutboundMessage {
  return {
    kind: "urgent",
    urgent: true,
    text,
    choices: [{ label: w.t("seen_label"), value: `${SEEN_WORD} ${alertId}` }],
    ref: alertRef(alertId),
  };
}
