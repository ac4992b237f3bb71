import type { Wording } from "../../prompts/render.js";
import { riskItemsOf } from "../../prompts/schema.js";
import type { CaseloadEntry } from "../../store/types.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";

/** The caseload's reading of a client's safety answers (caseload.ts). */

/**
 * Whether a check-in answered after `at` asked the safety question or another risk item (the
 * PHQ-9's ninth): only such a one says how the client is now. A split schedule's check-in after
 * the session asks the alliance alone; answered, it says nothing of their safety. ">": words of
 * concern written as a check-in's comment complete that check-in at the same instant; it is not
 * a check-in answered since them.
 */
export function riskAskedSince(w: Wording, entry: CaseloadEntry, at: string): boolean {
  const week = entry.lastProgress;
  if (!week || (week.completedAt ?? "") <= at) return false;
  return week.plan.some(
    (p) =>
      p.instrument === SAFETY_INSTRUMENT ||
      (w.hasInstrument(p.instrument) &&
        riskItemsOf(w.instrument(p.instrument)).some((r) => r.item === p.item)),
  );
}

/**
 * The last check-in's own safety question reached and left without an answer (unsure words, or
 * none, until it closed). Not when a concern came since that check-in began: its question, asked
 * after the words, stands for the check-in's (checkin/safety-asked.ts) and is flagged above. The
 * last that asked about the week: a split schedule's check-in after the session asks no safety question.
 */
export function safetyLeftUnclear(entry: CaseloadEntry): boolean {
  const { lastProgress: last, concern } = entry;
  if (!last || (concern && concern.at >= last.createdAt)) return false;
  const asked = last.plan.some((p) => p.instrument === SAFETY_INSTRUMENT);
  return asked && !last.answers.some((a) => a.instrument === SAFETY_INSTRUMENT);
}
