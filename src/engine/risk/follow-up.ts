import type { Client, RiskAlert } from "../../store/types.js";
import { isAcknowledgement, isApology } from "../acknowledgement.js";
import { crisisIn, type Turn } from "../turn-context.js";
import { openAlertIsAcute } from "./acute-alert.js";
import { noticeAddition, RISK_THROTTLE_MS } from "./alerts.js";
import { excerpt } from "./screening.js";

/**
 * While a client's alert is open, whatever else they write is passed on with it, not answered
 * procedurally: "ok i've started taking them" matches no list, and must reach someone.
 */
export async function followUp(
  turn: Turn,
  client: Client,
  alert: RiskAlert,
  text: string,
  /**
   * False: kept with the alert, without a message of its own (the check-in's comment, whose summary
   * goes now and carries it; an answer with words of excuse, which the next update shows).
   */
  asMessage = true,
  /** The warm line: "i meant no" after a tapped Yes is told that the yes stands (yes-taken-back.ts). */
  reply: "crisis_again" | "risk_yes_stands" | "crisis_acknowledged" = "crisis_again",
): Promise<void> {
  // A sticker or a photo without words, or a bare number (typed at the comment, or at a question
  // the crisis message came in place of): nothing to pass on, and no reason to alert anyone again.
  const bare = /^\s*\d{1,2}\s*$/u.test(text);
  const empty = text.trim() === "" || bare;
  if (!empty) {
    await turn.tx.addRiskEvent({
      clientId: client.personId,
      alertId: alert.id,
      checkinId: null,
      tier: "message",
      source: "free_text",
      words: [],
      text: excerpt(text),
      language: null,
      safetyAnswer: null,
      at: turn.now,
    });
    await turn.tx.recordRiskStep(alert.id, "added", client.personId, turn.now);
  }
  if (!asMessage) return;
  // "ok" or "thank you so much" is kept with the alert but is no reason for another urgent
  // message, and is not thanked for "telling me".
  const nod = isAcknowledgement(text) || bare;
  // "sorry" after telling something hard is no new fact either: kept, shown in the next update,
  // and answered kindly rather than thanked for telling.
  const apology = !nod && isApology(text);
  if (!empty && !nod && !apology) await noticeAddition(turn, alert, false);
  // In the language the alert's words were in: "danke" after a crisis message in German gets German.
  const first = await turn.tx.firstRiskEvent(client.personId, alert.id);
  const w = await turn.wordingOf(client.personId, first?.language);
  // More words long after the crisis message ("like 20 of them. im scared", a day on) get the
  // crisis contacts again, not a pointer to ones sent "a little earlier"; within the throttle, the
  // short line, so that forty messages do not get forty copies.
  const lastCrisis = alert.lastCrisisAt ? Date.parse(alert.lastCrisisAt) : 0;
  const throttled = Date.parse(turn.now) - lastCrisis < RISK_THROTTLE_MS;
  // An overdose or attempt under way, and nobody has acknowledged it yet: every reply keeps the
  // line to get emergency help now ("ok" and "sorry" too), with the crisis contacts again once
  // the throttle allows; a correction of a tapped Yes keeps its own answer.
  const acute = reply !== "risk_yes_stands" && (await openAlertIsAcute(turn.tx, turn.deps, alert));
  if (acute && throttled) {
    await turn.send(client.personId, { kind: "info", text: w.t("crisis_still_acute"), riskPath: true });
    return;
  }
  if (acute || (!nod && !apology && reply === "crisis_again" && !throttled)) {
    const key = acute ? "crisis_again_acute" : "crisis_again_contacts";
    const text = w.t(key, { crisis: crisisIn(turn.deps, w) });
    await turn.send(client.personId, { kind: "info", text, riskPath: true });
    await turn.tx.updateRiskAlert(alert.id, { lastCrisisAt: turn.now });
    await turn.tx.recordRiskStep(alert.id, "crisis_sent", client.personId, turn.now);
    return;
  }
  const line = nod ? "crisis_acknowledged" : apology && reply === "crisis_again" ? "crisis_apology" : reply;
  await turn.send(client.personId, { kind: "info", text: w.t(line), riskPath: true });
}
