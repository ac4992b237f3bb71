/**
 * The risk path's records: alerts, the disclosures and concerns in them, the steps taken. Part of
 * the store's records (types.ts, which re-exports them); read and written through RiskTx (risk-tx.ts).
 */

export interface RiskAlert {
  id: number;
  clientId: number;
  checkinId: number | null;
  source: "safety_question" | "free_text";
  matched: string[];
  createdAt: string;
  escalateAt: string;
  acknowledgedAt: string | null;
  /** The person who acknowledged it (the treating therapist or the on-call contact). */
  acknowledgedBy: number | null;
  escalatedAt: string | null;
  /** The on-call contact it went to; null when it was repeated to the treating therapist instead. */
  escalatedTo: number | null;
  escalationNote: string | null;
  lastCrisisAt: string | null;
  lastNoticeAt: string | null;
  /** The last event the therapist was shown (in the alert or an update). */
  notifiedThrough: number;
  updateDueAt: string | null;
  nextRepeatAt: string | null;
  repeats: number;
}

export type RiskTier = "disclosure" | "concern" | "message";
export type SafetyAnswer = "pending" | "reasked" | "yes" | "no" | "none";

/** One disclosure or concern, with the client's words. */
export interface RiskEvent {
  id: number;
  clientId: number;
  alertId: number | null;
  checkinId: number | null;
  tier: RiskTier;
  source: "free_text" | "safety_question";
  /** The words that matched, as the client wrote them. */
  words: string[];
  /** The message they were in (shortened). */
  text: string;
  /**
   * A yes to the safety question typed in the client's own words ("sometimes yeah", "every
   * night tbh"), shortened; absent when they pressed the button or typed the choice itself. On a
   * concern: the unclear answers to its question ("idk, probably not"), so that a question that
   * then lapses reads as no clear answer, in their words, not as no answer.
   */
  answerWords?: string;
  language: string | null;
  safetyAnswer: SafetyAnswer | null;
  at: string;
  /** When the therapist was told of this concern (a lapsed safety question); null: not yet. */
  toldAt: string | null;
}

export type NewRiskEvent = Omit<RiskEvent, "id" | "toldAt">;

/** One step taken on an alert (crisis message sent, therapist alerted, escalated, acknowledged…). */
export interface RiskStep {
  step: string;
  /** Who took it or was reached by it, when a person. */
  personId: number | null;
  at: string;
}

/** Changes to an alert's timed steps; fields left out stay as they are. */
export type RiskAlertPatch = Partial<
  Pick<
    RiskAlert,
    | "lastCrisisAt"
    | "lastNoticeAt"
    | "notifiedThrough"
    | "updateDueAt"
    | "nextRepeatAt"
    | "repeats"
    | "escalateAt"
    | "escalatedAt"
    | "escalatedTo"
    | "escalationNote"
  >
>;
