import type { CompletedCheckin, RiskEvent } from "../../store/types.js";

/**
 * The marks in a stored risk event's words: a yes to a measure's risk item, and an unclear answer
 * at a risk item, each kept as an event of the tiers and sources the database knows, with words
 * that name the question; read back, and an unclear answer a later no settled left out (text.ts
 * words them for the therapist). Pure.
 */

/**
 * A risk item other than the safety question (PHQ-9 item 9) is stored as a safety-question event
 * whose words name the instrument, the item and the answer: the stored sources stay the two the
 * database knows, and the therapist reads which question it was.
 */
const RISK_ITEM_MARK = "risk-item";

export function riskItemWords(instrument: string, item: string, value: number): string[] {
  return [RISK_ITEM_MARK, instrument, item, String(value)];
}

/**
 * An unclear answer at a check-in's risk item ("not sure", "yeah nah", "maybe no"), kept as a
 * concern of the check-in whose words name the question (checkin/unclear-answer.ts), as a risk
 * item's yes is kept: the stored tiers and sources stay the ones the database knows.
 */
const UNCLEAR_MARK = "unclear-answer";

export function unclearAnswerWords(instrument: string, item: string): string[] {
  return [UNCLEAR_MARK, instrument, item];
}

/** The question an unclear answer's words name, if they are such words. */
export function unclearAnswerOf(words: readonly string[]): { instrument: string; item: string } | undefined {
  const [mark, instrument, item] = words;
  if (mark !== UNCLEAR_MARK || !instrument || !item) return undefined;
  return { instrument, item };
}

export function isUnclearAnswerOf(words: readonly string[], instrument: string, item: string): boolean {
  const q = unclearAnswerOf(words);
  return q?.instrument === instrument && q.item === item;
}

/**
 * The risk events to show, without unclear answers that a clear no settled later in the same
 * check-in ("yeah nah", asked again, then "nah"): the no is the answer, and a "Risk:" line for the
 * words before it would flag a client who said no. An unclear answer followed by a yes stays (with
 * the yes's alert), as does one left unclear. A risk item's no is its lowest value. Pure.
 */
export function withoutSettled<E extends Pick<RiskEvent, "words" | "checkinId">>(
  events: readonly E[],
  checkins: readonly Pick<CompletedCheckin, "id" | "answers">[],
): E[] {
  const answers = new Map(checkins.map((c) => [c.id, c.answers]));
  return events.filter((e) => {
    const q = unclearAnswerOf(e.words);
    if (!q || e.checkinId === null) return true;
    const answer = answers.get(e.checkinId)?.find((a) => a.instrument === q.instrument && a.item === q.item);
    return answer === undefined || answer.value > 0;
  });
}

/** The words of a yes to a measure's risk item (not a concern's words). */
export function isRiskItemWords(words: readonly string[]): boolean {
  return riskItemOf(words) !== undefined;
}

export function riskItemOf(
  words: readonly string[],
): { instrument: string; item: string; value: string } | undefined {
  const [mark, instrument, item, value] = words;
  if (mark !== RISK_ITEM_MARK || !instrument || !item || value === undefined) return undefined;
  return { instrument, item, value };
}
