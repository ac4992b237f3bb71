import { type ChangeCategory, changeCategory, type Direction, isClinical } from "./reliable-change.js";
import { type RuleMethodFinding, type RuleMethodSettings, ruleMethod } from "./rule-method.js";
import { round1 } from "./scores.js";
import {
  type TrajectoryParams,
  type TrajectoryPoint,
  type TrajectorySettings,
  trajectoryPoint,
} from "./trajectory.js";

/**
 * A scored measure with a profile (PHQ-9, GAD-7, a clinic's own): its total read by the measure's
 * direction against the first check-in of the episode (CLINICAL.md, "Reliable change and clinical
 * significance"), its severity band and side of the caseness cutoff, and the rule method and,
 * where the profile gives parameters, the expected trajectory. Pure.
 */
export interface MeasureScoring {
  direction: Direction;
  range: { min: number; max: number };
  bands: readonly { from: number }[];
  /** A case at or above it (lower is better), below it (higher is better). */
  caseness: number;
  reliableChange: number;
  ruleMethod: boolean;
  trajectory: TrajectoryParams | null;
}

export interface MeasureAssessment {
  /** The instrument id. */
  id: string;
  direction: Direction;
  total: number;
  previous?: number;
  first: number;
  /** Raw change since the first check-in (now − first), whatever the direction. */
  change: number;
  /** 1-based number of this check-in with the measure, within the episode. */
  index: number;
  category: ChangeCategory;
  /** Index of the severity band of this total and of the first. */
  band: number;
  firstBand: number;
  caseness: number;
  clinical: boolean;
  startedClinical: boolean;
  reliableChange: number;
  /** The latest earlier check-in (1-based) that was a reliable improvement, if any. */
  improvedAt?: number;
  /** On the measure's own scale; absent when the profile has no trajectory. */
  trajectory?: TrajectoryPoint;
}

export type MeasureFinding = RuleMethodFinding | "not_on_track";

/** The last band whose lower bound the total reaches. */
export function bandIndex(bands: readonly { from: number }[], total: number): number {
  let index = 0;
  bands.forEach((b, i) => {
    if (total >= b.from) index = i;
  });
  return index;
}

/** How good a total is, higher always better: so "worse" is one comparison for either direction. */
export function goodness(total: number, direction: Direction): number {
  return direction === "higher_is_better" ? total : -total;
}

export function assessMeasure(
  input: { id: string; earlier: readonly number[]; total: number },
  s: MeasureScoring,
  rules: RuleMethodSettings,
  trajectory: TrajectorySettings,
): { assessment: MeasureAssessment; findings: MeasureFinding[] } {
  const first = input.earlier[0] ?? input.total;
  const index = input.earlier.length + 1;
  const categoryOf = (now: number) =>
    changeCategory({
      first,
      now,
      reliableChange: s.reliableChange,
      cutoff: s.caseness,
      direction: s.direction,
    });
  let improvedAt: number | undefined;
  input.earlier.forEach((score, i) => {
    const c = categoryOf(score);
    if (c === "improved" || c === "recovered") improvedAt = i + 1;
  });
  const category = categoryOf(input.total);
  const startedClinical = isClinical(first, s.caseness, s.direction);
  const assessment: MeasureAssessment = {
    id: input.id,
    direction: s.direction,
    total: input.total,
    previous: input.earlier.at(-1),
    first,
    change: round1(input.total - first),
    index,
    category,
    band: bandIndex(s.bands, input.total),
    firstBand: bandIndex(s.bands, first),
    caseness: s.caseness,
    clinical: isClinical(input.total, s.caseness, s.direction),
    startedClinical,
    reliableChange: s.reliableChange,
    improvedAt,
  };
  const findings: MeasureFinding[] = s.ruleMethod
    ? ruleMethod({ category, index, startedNonClinical: !startedClinical }, rules)
    : [];
  if (s.trajectory) {
    assessment.trajectory = measureTrajectory(first, input.total, index, s, s.trajectory, trajectory);
    if (assessment.trajectory.status === "not_on_track") findings.push("not_on_track");
  }
  return { assessment, findings };
}

/**
 * The expected trajectory of CLINICAL.md is written for a measure where higher is better. A
 * lower-is-better measure is mirrored within its range (max + min − score), judged there, and the
 * expected values mirrored back, so "expected" and "band" read on the measure's own scale.
 */
function measureTrajectory(
  first: number,
  total: number,
  t: number,
  s: MeasureScoring,
  params: TrajectoryParams,
  settings: TrajectorySettings,
): TrajectoryPoint {
  const lower = s.direction === "lower_is_better";
  const flip = (v: number) => (lower ? s.range.max + s.range.min - v : v);
  const point = trajectoryPoint(
    { y1: flip(first), cutoff: flip(s.caseness), t, score: flip(total), max: s.range.max },
    params,
    settings,
  );
  return {
    ...point,
    expected: flip(point.expected),
    onTrackFrom: flip(point.onTrackFrom),
    band: flip(point.band),
  };
}
