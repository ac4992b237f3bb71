import type { TrajectoryParams, TrajectorySettings, TrajectoryStatus } from "./trajectory.js";
import { intakeTerm, trajectoryPoint } from "./trajectory.js";

/**
 * Fitting the trajectory parameters on a clinic's own episodes (CLINICAL.md, `rapport calibrate`).
 *
 * For every score after the first, y(t) − y1 = (b0 + b1 × max(0, cutoff − y1)) × ln t + e, where the
 * model's spread of e grows as sigma × sqrt(1 − 1/t). That is linear in b0 and b1, so they are
 * found by weighted least squares with weights 1 / (1 − 1/t), and sigma is the weighted residual
 * standard deviation with two degrees of freedom used.
 */
export interface EpisodeSeries {
  /** Progress totals of the episode, in order (t = 1, 2, ...). */
  scores: readonly number[];
  cutoff: number;
}

interface TrajectoryFit {
  params: TrajectoryParams;
  episodes: number;
  points: number;
}

type FitResult =
  | { ok: true; fit: TrajectoryFit }
  | { ok: false; reason: "too_few"; have: number; need: number }
  | { ok: false; reason: "degenerate" };

export function usableEpisodes(series: readonly EpisodeSeries[], minCheckins: number): EpisodeSeries[] {
  return series.filter((e) => e.scores.length >= minCheckins);
}

export function fitTrajectory(
  series: readonly EpisodeSeries[],
  opts: { minEpisodes: number; minCheckins: number },
): FitResult {
  const usable = usableEpisodes(series, opts.minCheckins);
  if (usable.length < opts.minEpisodes)
    return { ok: false, reason: "too_few", have: usable.length, need: opts.minEpisodes };
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let s1d = 0;
  let s2d = 0;
  const rows: { x1: number; x2: number; d: number; w: number }[] = [];
  for (const e of usable) {
    const y1 = e.scores[0] ?? 0;
    e.scores.forEach((y, i) => {
      const t = i + 1;
      if (t < 2) return;
      const x1 = Math.log(t);
      // The same clamp as the model it fits: a start above the cutoff adds no intake term.
      const x2 = intakeTerm(y1, e.cutoff) * x1;
      const w = 1 / (1 - 1 / t);
      const d = y - y1;
      s11 += w * x1 * x1;
      s12 += w * x1 * x2;
      s22 += w * x2 * x2;
      s1d += w * x1 * d;
      s2d += w * x2 * d;
      rows.push({ x1, x2, d, w });
    });
  }
  const det = s11 * s22 - s12 * s12;
  // All episodes starting at the same distance from the cutoff leave b0 and b1 inseparable.
  if (rows.length < 3 || Math.abs(det) < 1e-9 * Math.max(1, s11 * s22))
    return { ok: false, reason: "degenerate" };
  const b0 = (s22 * s1d - s12 * s2d) / det;
  const b1 = (s11 * s2d - s12 * s1d) / det;
  const ssr = rows.reduce((sum, r) => sum + r.w * (r.d - b0 * r.x1 - b1 * r.x2) ** 2, 0);
  const sigma = Math.sqrt(ssr / (rows.length - 2));
  return { ok: true, fit: { params: { b0, b1, sigma }, episodes: usable.length, points: rows.length } };
}

/** How many episodes would have reached each status at least once, counting each episode by its worst. */
export function worstStatusCounts(
  series: readonly EpisodeSeries[],
  params: TrajectoryParams,
  settings: TrajectorySettings,
  max: number,
): Record<Exclude<TrajectoryStatus, "too_early">, number> {
  const counts = { on_track: 0, watch: 0, not_on_track: 0 };
  const rank = { too_early: 0, on_track: 1, watch: 2, not_on_track: 3 } as const;
  for (const e of series) {
    const y1 = e.scores[0] ?? 0;
    let worst: TrajectoryStatus = "too_early";
    e.scores.forEach((score, i) => {
      const { status } = trajectoryPoint({ y1, cutoff: e.cutoff, t: i + 1, score, max }, params, settings);
      if (rank[status] > rank[worst]) worst = status;
    });
    if (worst !== "too_early") counts[worst]++;
  }
  return counts;
}
