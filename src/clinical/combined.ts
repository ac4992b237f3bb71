import type { MeasureAssessment } from "./measure.js";

/**
 * The combined outcome of a depression and an anxiety measure (PHQ-9 and GAD-7), in the NHS
 * Talking Therapies definitions (CLINICAL.md), each measure against its own first check-in of the
 * episode:
 * - recovery: at caseness on either at the start, at caseness on neither now;
 * - reliable improvement: a reliable improvement on at least one, a reliable deterioration on neither;
 * - reliable recovery: both of the above;
 * - reliable deterioration: a reliable deterioration on at least one.
 * Pure.
 */
export interface CombinedOutcome {
  /** The two instruments, depression first. */
  measures: [string, string];
  /** At caseness on either at the start: only then can a client recover. */
  casedAtStart: boolean;
  recovery: boolean;
  reliableImprovement: boolean;
  reliableRecovery: boolean;
  reliableDeterioration: boolean;
}

function improved(m: MeasureAssessment): boolean {
  return m.category === "improved" || m.category === "recovered";
}

export function combinedOutcome(depression: MeasureAssessment, anxiety: MeasureAssessment): CombinedOutcome {
  const both = [depression, anxiety];
  const casedAtStart = both.some((m) => m.startedClinical);
  const recovery = casedAtStart && both.every((m) => !m.clinical);
  const reliableDeterioration = both.some((m) => m.category === "deteriorated");
  const reliableImprovement = both.some(improved) && !reliableDeterioration;
  return {
    measures: [depression.id, anxiety.id],
    casedAtStart,
    recovery,
    reliableImprovement,
    reliableRecovery: recovery && reliableImprovement,
    reliableDeterioration,
  };
}
