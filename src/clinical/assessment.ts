import { type AllianceAssessment, type AllianceThresholds, assessAlliance } from "./alliance.js";
import type { CombinedOutcome } from "./combined.js";
import { type AgeBand, type Cutoffs, cutoffFor } from "./cutoffs.js";
import type { MeasureAssessment } from "./measure.js";
import { assessMeasures, type MeasureInput, type MeasureRule } from "./measure-rules.js";
import { type ChangeCategory, changeCategory, isClinical } from "./reliable-change.js";
import { type RuleMethodSettings, ruleMethod } from "./rule-method.js";
import { round1 } from "./scores.js";
import {
  type TrajectoryParams,
  type TrajectoryPoint,
  type TrajectorySettings,
  trajectoryPoint,
} from "./trajectory.js";

/**
 * Everything CLINICAL.md says about one completed check-in, computed from the episode's scores.
 * Pure: the caller loads the scores, stores the findings and words the messages.
 */
export interface ClinicalSettings {
  alliance: AllianceThresholds;
  progressReliableChange: number;
  cutoffs: Cutoffs;
  ruleMethod: RuleMethodSettings;
  trajectory: TrajectorySettings;
}

/** The trajectory parameters in force, and where they came from. */
export interface TrajectoryModel {
  params: TrajectoryParams;
  /** null for the default (illustrative) parameters. */
  fitId: number | null;
  episodes?: number;
  fittedAt?: string;
}

export interface AssessmentInput {
  /** Progress totals of the episode before this check-in, oldest first. */
  earlierProgress: readonly number[];
  /** This check-in's progress total, if it had the progress check-in. */
  progress?: number;
  progressMax: number;
  /** Alliance totals of the episode before this check-in, oldest first. */
  earlierAlliance: readonly number[];
  alliance?: { total: number; items: readonly { item: string; value: number }[] };
  age: number | null;
  /** Measures with a scoring profile in this check-in (PHQ-9, GAD-7), each with its earlier totals. */
  measures?: readonly MeasureInput[];
}

interface ProgressAssessment {
  total: number;
  /** The previous progress total of the episode, if any. */
  previous?: number;
  first: number;
  change: number;
  /** 1-based number of this progress check-in within the episode. */
  index: number;
  category: ChangeCategory;
  cutoff: number;
  band: AgeBand;
  clinical: boolean;
  /** The episode started at or above the cutoff: the session-count rules do not apply. */
  startedNonClinical: boolean;
  /** The latest earlier progress check-in (1-based) that was a reliable improvement, if any. */
  improvedAt?: number;
  /** The latest earlier progress check-in (1-based) that was recovered, if any. */
  recoveredAt?: number;
  trajectory: TrajectoryPoint;
}

/**
 * The warning rules. Alliance concern (below 36) and alliance drop (a fall of 1 or more) are one
 * rule, "alliance", so one dip never sends two warnings; its text says which parts apply.
 */
export type WarningRule = ProgressRule | MeasureRule;
export { type MeasureInput, measureRule, parseMeasureRule } from "./measure-rules.js";
export type ProgressRule = "alliance" | "deteriorating" | "no_change_yet" | "change_of_plan" | "not_on_track";
const PROGRESS_RULES: readonly WarningRule[] = [
  "deteriorating",
  "no_change_yet",
  "change_of_plan",
  "not_on_track",
];

/** A warning rule that applies, with the score it is about (lower is worse), for repeat control. */
export interface Finding {
  rule: WarningRule;
  value: number;
}

export interface Assessment {
  progress?: ProgressAssessment;
  alliance?: AllianceAssessment;
  measures?: MeasureAssessment[];
  /** When the check-in had both a depression and an anxiety measure (PHQ-9 and GAD-7). */
  combined?: CombinedOutcome;
  findings: Finding[];
  /** The rules whose measure this check-in had: the ones that can start or stop applying now. */
  evaluated: WarningRule[];
}

export function assess(input: AssessmentInput, s: ClinicalSettings, model: TrajectoryModel): Assessment {
  const findings: Finding[] = [];
  const evaluated: WarningRule[] = [];
  let alliance: AllianceAssessment | undefined;
  if (input.alliance) {
    alliance = assessAlliance({ ...input.alliance, earlier: input.earlierAlliance }, s.alliance);
    evaluated.push("alliance");
    if (alliance.concern || alliance.drop) findings.push({ rule: "alliance", value: alliance.total });
  }
  let progress: ProgressAssessment | undefined;
  if (input.progress !== undefined) {
    progress = assessProgress(input, input.progress, s, model);
    evaluated.push(...PROGRESS_RULES);
    for (const rule of ruleMethod(progress, s.ruleMethod)) findings.push({ rule, value: progress.total });
    if (progress.trajectory.status === "not_on_track") {
      findings.push({ rule: "not_on_track", value: progress.total });
    }
  }
  const measured = assessMeasures(input.measures ?? [], s);
  findings.push(...measured.findings);
  evaluated.push(...measured.evaluated);
  return { progress, alliance, findings, evaluated, ...measured.parts };
}

function assessProgress(
  input: AssessmentInput,
  total: number,
  s: ClinicalSettings,
  model: TrajectoryModel,
): ProgressAssessment {
  const first = input.earlierProgress[0] ?? total;
  const index = input.earlierProgress.length + 1;
  const { band, cutoff } = cutoffFor(input.age, s.cutoffs);
  const categoryOf = (now: number) =>
    changeCategory({
      first,
      now,
      reliableChange: s.progressReliableChange,
      cutoff,
      direction: "higher_is_better",
    });
  const category = categoryOf(total);
  // The latest earlier check-in that was a reliable improvement: a fall back from it is named so.
  let improvedAt: number | undefined;
  let recoveredAt: number | undefined;
  input.earlierProgress.forEach((score, i) => {
    const c = categoryOf(score);
    if (c === "improved" || c === "recovered") improvedAt = i + 1;
    if (c === "recovered") recoveredAt = i + 1;
  });
  return {
    total,
    previous: input.earlierProgress.at(-1),
    first,
    change: round1(total - first),
    index,
    category,
    cutoff,
    band,
    clinical: isClinical(total, cutoff, "higher_is_better"),
    startedNonClinical: !isClinical(first, cutoff, "higher_is_better"),
    improvedAt,
    recoveredAt,
    trajectory: trajectoryPoint(
      { y1: first, cutoff, t: index, score: total, max: input.progressMax },
      model.params,
      s.trajectory,
    ),
  };
}
