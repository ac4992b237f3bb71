/**
 * The expected-trajectory method (CLINICAL.md): log-linear growth with an intake-dependent
 * slope, in the family of the Finch/Lambert and Lutz models.
 *
 *   expected(t) = y1 + (b0 + b1 × max(0, cutoff − y1)) × ln(t)
 *   band(t)     = expected(t) − z × sigma × sqrt(1 − 1/t)
 *
 * The intake term is clamped at 0: a client who starts at or above the cutoff has no room the
 * model knows of and is expected to hold steady (plus b0), never to decline.
 *
 * "on track" at or above expected(t) − 0.5 × sigma × sqrt(1 − 1/t); "watch" between that and
 * band(t); "not on track" below band(t); before the second score, "too early to tell".
 */
export interface TrajectoryParams {
  b0: number;
  b1: number;
  sigma: number;
}

export interface TrajectorySettings {
  /** z for the lower band: 1.28 is the 10th percentile. */
  z: number;
  /** Width of the on-track zone below expected, in units of sigma × sqrt(1 − 1/t). */
  onTrackWidth: number;
}

export type TrajectoryStatus = "on_track" | "watch" | "not_on_track" | "too_early";

export interface TrajectoryPoint {
  t: number;
  expected: number;
  /** At or above this: on track. */
  onTrackFrom: number;
  /** Below this: not on track. */
  band: number;
  status: TrajectoryStatus;
}

/** The intake term: how far below the cutoff the episode started, never negative. */
export function intakeTerm(y1: number, cutoff: number): number {
  return Math.max(0, cutoff - y1);
}

export function expectedScore(y1: number, cutoff: number, t: number, p: TrajectoryParams): number {
  return y1 + (p.b0 + p.b1 * intakeTerm(y1, cutoff)) * Math.log(t);
}

function spread(t: number, sigma: number): number {
  return sigma * Math.sqrt(1 - 1 / t);
}

/**
 * Where score number t (1-based within the episode) stands against the expected trajectory.
 * Expected values above the top of the scale are capped at it: nobody can score above 40.
 */
export function trajectoryPoint(
  input: { y1: number; cutoff: number; t: number; score: number; max: number },
  p: TrajectoryParams,
  s: TrajectorySettings,
): TrajectoryPoint {
  const expected = Math.min(input.max, expectedScore(input.y1, input.cutoff, input.t, p));
  const onTrackFrom = expected - s.onTrackWidth * spread(input.t, p.sigma);
  const band = expected - s.z * spread(input.t, p.sigma);
  let status: TrajectoryStatus;
  if (input.t < 2) status = "too_early";
  else if (input.score >= onTrackFrom) status = "on_track";
  else if (input.score >= band) status = "watch";
  else status = "not_on_track";
  return { t: input.t, expected, onTrackFrom, band, status };
}
