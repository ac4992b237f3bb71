import type { FieldCrypto } from "../field-crypto.js";
import type { CaseloadEntry, RiskAlert, RiskAlertPatch, RiskEvent } from "../types.js";
import { place } from "./places.js";
import type { Row } from "./records.js";

/** Risk alerts' and risk events' rows made into records, the same for either database. */

/** Columns an alert patch may set, by field. */
export const RISK_PATCH_COLUMNS: Record<keyof RiskAlertPatch, string> = {
  lastCrisisAt: "last_crisis_at",
  lastNoticeAt: "last_notice_at",
  notifiedThrough: "notified_through",
  updateDueAt: "update_due_at",
  nextRepeatAt: "next_repeat_at",
  repeats: "repeats",
  escalateAt: "escalate_at",
  escalatedAt: "escalated_at",
  escalatedTo: "escalated_to",
  escalationNote: "escalation_note",
};

export function toRiskAlert(row: Row, c: FieldCrypto): RiskAlert {
  const text = (v: unknown) => (v as string | null) ?? null;
  return {
    id: Number(row.id),
    clientId: Number(row.client_id),
    checkinId: row.checkin_id === null ? null : Number(row.checkin_id),
    source: row.source as RiskAlert["source"],
    matched: row.matched
      ? (JSON.parse(c.open(String(row.matched), place("risk_alerts", "matched", Number(row.id)))) as string[])
      : [],
    createdAt: String(row.created_at),
    escalateAt: String(row.escalate_at),
    acknowledgedAt: text(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by === null ? null : Number(row.acknowledged_by),
    escalatedAt: text(row.escalated_at),
    escalatedTo: row.escalated_to === null ? null : Number(row.escalated_to),
    escalationNote: text(row.escalation_note),
    lastCrisisAt: text(row.last_crisis_at),
    lastNoticeAt: text(row.last_notice_at),
    notifiedThrough: Number(row.notified_through ?? 0),
    updateDueAt: text(row.update_due_at),
    nextRepeatAt: text(row.next_repeat_at),
    repeats: Number(row.repeats ?? 0),
  };
}

/** What a risk event's sealed content holds: the client's words, kept together in one value. */
interface RiskContent {
  words: string[];
  text: string;
  answerWords?: string;
}

/** A risk event's content as sealed in its row (older rows have no `answerWords`). */
export function riskContent(e: Pick<RiskEvent, "words" | "text" | "answerWords">): string {
  const content: RiskContent = { words: e.words, text: e.text };
  if (e.answerWords) content.answerWords = e.answerWords;
  return JSON.stringify(content);
}

/** A risk event row's sealed content, opened. */
function contentOf(row: Row, c: FieldCrypto): RiskContent {
  return row.content
    ? (JSON.parse(
        c.open(String(row.content), place("risk_events", "content", Number(row.id))),
      ) as RiskContent)
    : { words: [], text: "" };
}

export function toRiskEvent(row: Row, c: FieldCrypto): RiskEvent {
  const content = contentOf(row, c);
  return {
    id: Number(row.id),
    clientId: Number(row.client_id),
    alertId: row.alert_id === null ? null : Number(row.alert_id),
    checkinId: row.checkin_id === null ? null : Number(row.checkin_id),
    tier: row.tier as RiskEvent["tier"],
    source: row.source as RiskEvent["source"],
    words: content.words,
    text: content.text,
    ...(content.answerWords ? { answerWords: content.answerWords } : {}),
    language: (row.language as string | null) ?? null,
    safetyAnswer: safetyAnswerOf(row, c),
    at: String(row.at),
    toldAt: (row.told_at as string | null) ?? null,
  };
}

/** Whether a concern's safety question still waits (kept readable), else its answer (sealed). */
function safetyAnswerOf(row: Row, c: FieldCrypto): RiskEvent["safetyAnswer"] {
  return (
    row.safety_answer
      ? c.open(String(row.safety_answer), place("risk_events", "safety_answer", Number(row.id)))
      : (row.safety_question ?? null)
  ) as RiskEvent["safetyAnswer"];
}

/**
 * The columns `concernOf` reads. The sealed content is opened only for a question closed without
 * an answer ("none"), to tell unsure words given at it from silence; its words stay out of the entry.
 */
export const CONCERN_COLUMNS = "id, client_id, safety_question, safety_answer, at, content";

/** A caseload's view of a client's latest concern: its safety answer so far, and when it came. */
export function concernOf(row: Row | undefined, c: FieldCrypto): CaseloadEntry["concern"] {
  const answer = row ? safetyAnswerOf(row, c) : null;
  if (!row || !answer) return null;
  // "idk, probably not" and then silence: not answered clearly, which is not the same as not at all.
  if (answer === "none" && contentOf(row, c).answerWords)
    return { answer, at: String(row.at), unclear: true };
  return { answer, at: String(row.at) };
}
