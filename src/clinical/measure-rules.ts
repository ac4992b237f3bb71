import type { Assessment, ClinicalSettings, Finding, WarningRule } from "./assessment.js";
import { combinedOutcome } from "./combined.js";
import {
  assessMeasure,
  goodness,
  type MeasureAssessment,
  type MeasureFinding,
  type MeasureScoring,
} from "./measure.js";

/**
 * The measures with a scoring profile (PHQ-9, GAD-7) in one check-in, for assessment.ts: each
 * against its own first check-in of the episode, the combined outcome of a depression and an
 * anxiety measure, and the names of their warning rules. Pure.
 */
export interface MeasureInput {
  id: string;
  earlier: readonly number[];
  total: number;
  scoring: MeasureScoring;
  /** Its part in the combined NHS Talking Therapies definitions. */
  combined?: "depression" | "anxiety";
}

/** A rule on a measure with a profile, named with its instrument: "deteriorating:phq9". */
export type MeasureRule = `${MeasureFinding}:${string}`;

export function measureRule(finding: MeasureFinding, instrument: string): MeasureRule {
  return `${finding}:${instrument}`;
}

/** The parts of a measure rule's name, or undefined for the progress and alliance rules. */
export function parseMeasureRule(rule: string): { finding: MeasureFinding; instrument: string } | undefined {
  const at = rule.indexOf(":");
  if (at < 0) return undefined;
  return { finding: rule.slice(0, at) as MeasureFinding, instrument: rule.slice(at + 1) };
}

const MEASURE_FINDINGS: readonly MeasureFinding[] = [
  "deteriorating",
  "no_change_yet",
  "change_of_plan",
  "not_on_track",
];

/**
 * Each measure against its own first check-in of the episode; its warnings are kept apart from
 * the progress rules' by name ("deteriorating:phq9"), and their value is oriented so that lower is
 * worse, as repeat control reads it.
 */
export function assessMeasures(
  inputs: readonly MeasureInput[],
  s: ClinicalSettings,
): { findings: Finding[]; evaluated: WarningRule[]; parts: Pick<Assessment, "measures" | "combined"> } {
  const findings: Finding[] = [];
  const evaluated: WarningRule[] = [];
  const measures: MeasureAssessment[] = [];
  const roles = new Map<string, MeasureAssessment>();
  for (const m of inputs) {
    const result = assessMeasure(m, m.scoring, s.ruleMethod, s.trajectory);
    measures.push(result.assessment);
    if (m.combined) roles.set(m.combined, result.assessment);
    const value = goodness(m.total, m.scoring.direction);
    for (const f of MEASURE_FINDINGS) {
      if (f === "not_on_track" ? m.scoring.trajectory : m.scoring.ruleMethod)
        evaluated.push(measureRule(f, m.id));
    }
    for (const f of result.findings) findings.push({ rule: measureRule(f, m.id), value });
  }
  const depression = roles.get("depression");
  const anxiety = roles.get("anxiety");
  // At the first check-in of both there is no change to read yet.
  const combined =
    depression && anxiety && Math.max(depression.index, anxiety.index) > 1
      ? combinedOutcome(depression, anxiety)
      : undefined;
  if (measures.length === 0) return { findings, evaluated, parts: {} };
  return { findings, evaluated, parts: { measures, ...(combined ? { combined } : {}) } };
}
