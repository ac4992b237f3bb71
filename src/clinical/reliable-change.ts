/**
 * Reliable change and clinical significance (Jacobson & Truax 1991).
 *
 *   SE = SD_pre × sqrt(1 − r_xx);  S_diff = sqrt(2) × SE;  RC = (x_now − x_first) / S_diff
 *
 * A change is reliable when |RC| > 1.96, i.e. when the raw change is at least 1.96 × S_diff.
 *
 * rapport itself uses published raw values only: the progress check-in's from the clinic config
 * (`thresholds.progressReliableChange`, 5 points by default), a measure's from its scoring profile
 * (`reliableChange`: PHQ-9 6, GAD-7 4), and the cutoffs from `thresholds.cutoffs` and the profiles.
 * `changeCategory` is what reads them. `standardError`, `sDiff`, `rcIndex`,
 * `reliableChangeThreshold` and `cutoffC` are the formulas those values come from, kept (and
 * tested against the published figures) for checking or deriving a value by hand; no running
 * code calls them.
 */

export type Direction = "higher_is_better" | "lower_is_better";

export type ChangeCategory = "recovered" | "improved" | "unchanged" | "deteriorated";

export function standardError(sdPre: number, reliability: number): number {
  return sdPre * Math.sqrt(1 - reliability);
}

export function sDiff(sdPre: number, reliability: number): number {
  return Math.SQRT2 * standardError(sdPre, reliability);
}

export function rcIndex(first: number, now: number, sdPre: number, reliability: number): number {
  return (now - first) / sDiff(sdPre, reliability);
}

/** The smallest raw change that is reliable at the 95 % level: 1.96 × S_diff. */
export function reliableChangeThreshold(sdPre: number, reliability: number): number {
  return 1.96 * sDiff(sdPre, reliability);
}

/** c = (SD_func × M_dys + SD_dys × M_func) / (SD_func + SD_dys): between the two norm groups. */
export function cutoffC(norms: { meanDys: number; sdDys: number; meanFunc: number; sdFunc: number }): number {
  return (norms.sdFunc * norms.meanDys + norms.sdDys * norms.meanFunc) / (norms.sdFunc + norms.sdDys);
}

interface ChangeInput {
  first: number;
  now: number;
  /** Raw points of change that count as reliable. */
  reliableChange: number;
  /** The clinical cutoff: on the clinical side is below it (higher is better) or at or above it (lower is better). */
  cutoff: number;
  direction: Direction;
}

/** Whether a score is in the clinical range. For the progress check-in: below the cutoff. */
export function isClinical(score: number, cutoff: number, direction: Direction): boolean {
  return direction === "higher_is_better" ? score < cutoff : score >= cutoff;
}

/**
 * The category at a check-in relative to the first of the episode, oriented by the measure's
 * direction. "Recovered" needs a reliable improvement and a move from the clinical to the
 * non-clinical side.
 */
export function changeCategory(input: ChangeInput): ChangeCategory {
  const raw = input.now - input.first;
  const better = input.direction === "higher_is_better" ? raw : -raw;
  // The change is read in tenths (scores have one decimal), so 4.999999 from float sums counts
  // as 5. The threshold is taken as given, not rounded: a value with more decimals than the
  // scores (7.2015 from reliableChangeThreshold) needs the next tenth above it, 7.3.
  const reliable = Math.round(Math.abs(better) * 10) / 10 >= input.reliableChange;
  if (!reliable) return "unchanged";
  if (better < 0) return "deteriorated";
  const crossed =
    isClinical(input.first, input.cutoff, input.direction) &&
    !isClinical(input.now, input.cutoff, input.direction);
  return crossed ? "recovered" : "improved";
}
