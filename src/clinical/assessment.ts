import { type AllianceAssessment, type AllianceThresholds, assessAlliance } from "./alliance.js";
import { type AgeBand, type Cutoffs, cutoffFor } from "./cutoffs.js";
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
}

export interface ProgressAssessment {
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
  trajectory: TrajectoryPoint;
}

export type WarningRule =
  | "alliance_concern"
  | "alliance_drop"
  | "deteriorating"
  | "no_change_yet"
  | "change_of_plan"
  | "not_on_track";

/** A warning rule that applies, with a severity for deciding whether it is worse than before. */
export interface Finding {
  rule: WarningRule;
  severity: number;
}

export interface Assessment {
  progress?: ProgressAssessment;
  alliance?: AllianceAssessment;
  findings: Finding[];
}

export function assess(input: AssessmentInput, s: ClinicalSettings, model: TrajectoryModel): Assessment {
  const findings: Finding[] = [];
  let alliance: AllianceAssessment | undefined;
  if (input.alliance) {
    alliance = assessAlliance({ ...input.alliance, earlier: input.earlierAlliance }, s.alliance);
    if (alliance.concern) {
      findings.push({ rule: "alliance_concern", severity: round1(s.alliance.concernBelow - alliance.total) });
    }
    // Worse means further below the episode's best alliance than at the last warning.
    if (alliance.drop) findings.push({ rule: "alliance_drop", severity: alliance.drop.belowPeak });
  }
  let progress: ProgressAssessment | undefined;
  if (input.progress !== undefined) {
    progress = assessProgress(input, input.progress, s, model);
    for (const rule of ruleMethod(progress, s.ruleMethod)) {
      // Deterioration is worse the further it falls; the two session-count rules fire once.
      findings.push({ rule, severity: rule === "deteriorating" ? round1(-progress.change) : 0 });
    }
    if (progress.trajectory.status === "not_on_track") {
      findings.push({ rule: "not_on_track", severity: round1(progress.trajectory.band - progress.total) });
    }
  }
  return { progress, alliance, findings };
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
  const category = changeCategory({
    first,
    now: total,
    reliableChange: s.progressReliableChange,
    cutoff,
    direction: "higher_is_better",
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
    trajectory: trajectoryPoint(
      { y1: first, cutoff, t: index, score: total, max: input.progressMax },
      model.params,
      s.trajectory,
    ),
  };
}
