import type {
  NewRiskEvent,
  RiskAlert,
  RiskAlertPatch,
  RiskEvent,
  RiskStep,
  SafetyAnswer,
} from "./risk-types.js";

/**
 * The risk path's part of the storage interface (tx.ts composes the parts into Tx). Each store
 * implements it in its own risk.ts.
 */
/** Risk alerts (one open per client), the events added to them, concerns and escalation. */
export interface RiskTx {
  createRiskAlert(
    alert: {
      clientId: number;
      checkinId: number | null;
      source: RiskAlert["source"];
      matched: string[];
      escalateAt: string;
    },
    at: string,
  ): Promise<number>;
  getRiskAlert(id: number): Promise<RiskAlert | undefined>;
  /** The client's alert nobody has acknowledged yet: there is at most one. */
  openRiskAlert(clientId: number): Promise<RiskAlert | undefined>;
  /** Open alerts of a therapist's clients, by client. */
  openRiskAlertsOf(therapistId: number): Promise<Map<number, RiskAlert>>;
  /** Open alerts a person may acknowledge: about their own clients, or escalated to them; oldest first. */
  openRiskAlertsFor(personId: number): Promise<RiskAlert[]>;
  acknowledgeRiskAlert(id: number, personId: number, at: string): Promise<void>;
  updateRiskAlert(id: number, patch: RiskAlertPatch): Promise<void>;
  /** Unacknowledged alerts with a timed step due: the first escalation, a repeat or an update. */
  dueRiskAlerts(now: string): Promise<RiskAlert[]>;
  recordRiskStep(alertId: number, step: string, personId: number | null, at: string): Promise<void>;
  /** The steps taken on an alert, in the order recorded. */
  riskSteps(alertId: number): Promise<RiskStep[]>;
  addRiskEvent(event: NewRiskEvent): Promise<number>;
  /**
   * The event that raised an alert (its first): its language is the alert's. One row, however
   * many messages the client has written since.
   */
  firstRiskEvent(clientId: number, alertId: number): Promise<RiskEvent | undefined>;
  /** A client's risk events, oldest first; only those of one alert, or one check-in, when asked. */
  riskEvents(
    clientId: number,
    filter?: { alertId?: number; checkinId?: number; afterId?: number },
  ): Promise<RiskEvent[]>;
  /** The concern whose safety question waits for an answer, if any. */
  pendingConcern(clientId: number): Promise<RiskEvent | undefined>;
  /** The client's latest concern whose safety question was asked, answered or not. */
  latestConcern(clientId: number): Promise<RiskEvent | undefined>;
  answerConcern(eventId: number, answer: Exclude<SafetyAnswer, "pending">): Promise<void>;
  /**
   * Puts words written while a concern's question waited with that concern: its matched words and
   * message become these (the therapist reads both concerns as one, answered once).
   */
  extendConcern(eventId: number, words: string[], text: string): Promise<void>;
  /** Keeps an unclear answer to a concern's safety question, in the client's words, with the concern. */
  keepUnclearAnswer(eventId: number, words: string): Promise<void>;
  /** Concerns whose safety question has waited since before `before`, oldest first. */
  lapsedConcerns(before: string): Promise<RiskEvent[]>;
  /** The therapist was told of this concern (so it is not told again). */
  markConcernTold(eventId: number, at: string): Promise<void>;
  setEmergencyContact(clientId: number, text: string | null): Promise<void>;
  emergencyContact(clientId: number): Promise<string | null>;
  /** After a crisis message the open question is shown again at the client's next message. */
  setResumeQuestion(clientId: number, on: boolean): Promise<void>;
}
