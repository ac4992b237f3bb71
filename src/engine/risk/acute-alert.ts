import type { RiskAlert, RiskEvent, Tx } from "../../store/types.js";
import type { EngineDeps } from "../turn-context.js";
import { catalogRiskScreen } from "./screening.js";

/**
 * An alert whose words say an overdose or attempt is under way or has just happened ("i took 30
 * pills just now") is not followed up "today": it goes to the on-call contact sooner
 * (`risk.acuteEscalateMinutes`), and its escalation and repeats keep the line that says to act at once.
 */

/** Minutes before an acute alert goes to the on-call contact: the setting, else 10 (never later than others). */
export function acuteEscalateMinutes(risk: {
  escalateAfterMinutes: number;
  acuteEscalateMinutes?: number;
}): number {
  return risk.acuteEscalateMinutes ?? Math.min(10, risk.escalateAfterMinutes);
}

/**
 * Whether any of an alert's events has words that say it is happening now. Read again from the
 * words kept with each event (the screen's acute and acute_exceptions lists), so that nothing more
 * needs storing about the alert.
 */
export function alertIsAcute(deps: EngineDeps, events: RiskEvent[]): boolean {
  const screen = catalogRiskScreen(deps.catalog);
  return events.some((e) =>
    [e.text, e.answerWords ?? ""].some((text) => text !== "" && screen.screen(text)?.acute === true),
  );
}

/**
 * Whether a client's open, unacknowledged alert is acute: while it is, what they write next
 * ("i feel sick", "ok", "sorry") is answered with the line to get emergency help now, never the
 * ordinary "your therapist will see this too", which reads as if waiting were fine.
 */
export async function openAlertIsAcute(tx: Tx, deps: EngineDeps, alert: RiskAlert): Promise<boolean> {
  if (alert.acknowledgedAt) return false;
  return alertIsAcute(deps, await tx.riskEvents(alert.clientId, { alertId: alert.id }));
}
