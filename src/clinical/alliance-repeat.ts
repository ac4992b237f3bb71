import { round1 } from "./scores.js";

/**
 * How a repeated alliance warning is worded (CLINICAL.md, "What the therapist receives"). When it
 * repeats is repeat control's (warning-repeat.ts): a further fall of the drop threshold since the
 * last warning, 1 point by default. How firmly it speaks follows the size of the fall, so that a
 * one-point dip is not met with the suggestion meant for a sustained slide:
 *
 * - further: less than a clear fall below the episode's highest; a dip worth a question;
 * - clear: a clear fall below the episode's highest; ask directly whether the sessions help;
 * - firm: a clear fall since the warning that began this run, that is, after the therapist was
 *   first told; whatever was done since has not turned it: consultation or another approach.
 *
 * A clear fall is `thresholds.allianceClearFall` (5 by default, the size of a reliable change on
 * the progress check-in, which has the same four items of 0 to 10: CLINICAL.md gives none for
 * the alliance). Wording only: it never decides whether a warning is sent.
 *
 * A repeat that takes the total below the concern line for the first time in its run (the last
 * warning was for a drop alone) is a new fact: the concern starts to apply, and concern and drop
 * on one check-in are one warning (CLINICAL.md) that names both. `crossed` holds the line.
 */
type AllianceStep = "further" | "clear" | "firm";

export interface AllianceRepeat {
  step: AllianceStep;
  /** What the last warning said: a first warning, or a repeat at its step. */
  lastStep: "first" | AllianceStep;
  total: number;
  /** The total at the last warning, its check-in, and the fall since. */
  last: number;
  lastSeq: number;
  since: number;
  /** The episode's highest alliance total so far, and how far below it the total now is. */
  peak: number;
  belowPeak: number;
  /** The total at the warning that began this run, its check-in, and the fall since. */
  start: number;
  startSeq: number;
  fromStart: number;
  /** The concern line, when this total is below it and the last warning's was not. */
  crossed?: number;
}

interface AllianceRepeatInput {
  /** The episode's alliance totals by check-in, this one included. */
  totals: readonly { seq: number; total: number }[];
  total: number;
  /** The last warning: its check-in and the total it warned at. */
  warnedSeq: number;
  warnedValue: number;
  /** The check-in whose warning began this run (null in states stored before it was kept). */
  sinceSeq: number | null;
}

const RANK: Record<AllianceRepeat["lastStep"], number> = { first: 0, further: 0, clear: 1, firm: 2 };

export function allianceRepeat(
  input: AllianceRepeatInput,
  clearFall: number,
  /** The concern line (thresholds.allianceConcern): a total below it is a concern. */
  concernBelow?: number,
): AllianceRepeat {
  const { total, warnedSeq, warnedValue } = input;
  const startSeq = input.sinceSeq ?? warnedSeq;
  const start = input.totals.find((t) => t.seq === startSeq)?.total ?? warnedValue;
  const peakUpTo = (seq: number) =>
    Math.max(...input.totals.filter((t) => t.seq <= seq).map((t) => t.total), warnedValue);
  const peak = Math.max(peakUpTo(Number.POSITIVE_INFINITY), total);
  const belowPeak = round1(peak - total);
  const fromStart = round1(start - total);
  return {
    step: stepOf(belowPeak, fromStart, clearFall),
    lastStep:
      warnedSeq === startSeq
        ? "first"
        : stepOf(round1(peakUpTo(warnedSeq) - warnedValue), round1(start - warnedValue), clearFall),
    total,
    last: warnedValue,
    lastSeq: warnedSeq,
    since: round1(warnedValue - total),
    peak,
    belowPeak,
    start,
    startSeq,
    fromStart,
    ...(concernBelow !== undefined && warnedValue >= concernBelow && total < concernBelow
      ? { crossed: concernBelow }
      : {}),
  };
}

function stepOf(belowPeak: number, fromStart: number, clearFall: number): AllianceStep {
  // Compared in tenths: totals have one decimal.
  const clear = (fall: number) => Math.round(fall * 10) >= Math.round(clearFall * 10);
  if (clear(fromStart)) return "firm";
  return clear(belowPeak) ? "clear" : "further";
}

/**
 * Whether this repeat says something the last warning did not: a firmer step. A repeat at the
 * same step (or a further dip after a first warning, whose suggestion was to talk about it) adds
 * only numbers, which a compact summary gives in one short line.
 */
export function allianceStepsUp(r: AllianceRepeat): boolean {
  // Below the concern line for the first time in the run: more than numbers.
  if (r.crossed !== undefined) return true;
  return RANK[r.step] > RANK[r.lastStep];
}
