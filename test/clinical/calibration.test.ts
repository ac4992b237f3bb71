import { describe, expect, it } from "vitest";
import {
  type EpisodeSeries,
  fitTrajectory,
  usableEpisodes,
  worstStatusCounts,
} from "../../src/clinical/calibration.js";
import { expectedScore, type TrajectoryParams } from "../../src/clinical/trajectory.js";
import { mulberry32, normal } from "../support/random.js";

/**
 * Episodes from the model itself: y1 uniform on 8..30, 6 to 12 scores, and for t ≥ 2
 * y(t) = expected(t) + sigma × sqrt(1 − 1/t) × N(0, 1); t = 1 is y1 exactly.
 */
function generate(p: TrajectoryParams, n: number, seed: number, cutoff = 25): EpisodeSeries[] {
  const rand = mulberry32(seed);
  const gauss = normal(rand);
  const out: EpisodeSeries[] = [];
  for (let e = 0; e < n; e++) {
    const y1 = 8 + 22 * rand();
    const length = 6 + Math.floor(rand() * 7);
    const scores = [y1];
    for (let t = 2; t <= length; t++) {
      scores.push(expectedScore(y1, cutoff, t, p) + p.sigma * Math.sqrt(1 - 1 / t) * gauss());
    }
    out.push({ scores, cutoff });
  }
  return out;
}

const opts = { minEpisodes: 50, minCheckins: 3 };

describe("fitTrajectory recovers known parameters", () => {
  const truth = { b0: 1.0, b1: 0.5, sigma: 4 };

  it.each([1, 42, 20240601])(
    "seed %d, 400 episodes: b0 within ±0.15, b1 within ±0.05, sigma within ±0.4",
    (seed) => {
      const episodes = generate(truth, 400, seed);
      const result = fitTrajectory(episodes, opts);
      if (!result.ok) throw new Error(`fit failed: ${JSON.stringify(result)}`);
      const { params, episodes: used, points } = result.fit;
      expect(used).toBe(400);
      expect(points).toBe(episodes.reduce((sum, e) => sum + e.scores.length - 1, 0));
      expect(Math.abs(params.b0 - truth.b0)).toBeLessThanOrEqual(0.15);
      expect(Math.abs(params.b1 - truth.b1)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(params.sigma - truth.sigma)).toBeLessThanOrEqual(0.4);
    },
  );

  it("noise-free episodes from the default parameters are fitted exactly (sigma ≈ 0)", () => {
    const exact = generate({ b0: 1.4, b1: 0.34, sigma: 0 }, 60, 7);
    const result = fitTrajectory(exact, opts);
    if (!result.ok) throw new Error("fit failed");
    expect(result.fit.params.b0).toBeCloseTo(1.4, 9);
    expect(result.fit.params.b1).toBeCloseTo(0.34, 9);
    expect(result.fit.params.sigma).toBeCloseTo(0, 9);
  });

  it("episodes with different cutoffs (ages) are fitted together", () => {
    const adults = generate(truth, 200, 11, 25);
    const children = generate(truth, 200, 12, 32);
    const result = fitTrajectory([...adults, ...children], opts);
    if (!result.ok) throw new Error("fit failed");
    expect(Math.abs(result.fit.params.b0 - truth.b0)).toBeLessThanOrEqual(0.15);
    expect(Math.abs(result.fit.params.b1 - truth.b1)).toBeLessThanOrEqual(0.05);
  });
});

describe("fitTrajectory refuses what it cannot fit", () => {
  const truth = { b0: 1.0, b1: 0.5, sigma: 4 };

  it("too few episodes → too_few with have and need", () => {
    expect(fitTrajectory(generate(truth, 10, 3), opts)).toEqual({
      ok: false,
      reason: "too_few",
      have: 10,
      need: 50,
    });
    expect(fitTrajectory([], opts)).toEqual({ ok: false, reason: "too_few", have: 0, need: 50 });
  });

  it("episodes with fewer than minCheckins scores are not counted", () => {
    const long = generate(truth, 49, 4);
    const short: EpisodeSeries[] = generate(truth, 30, 5).map((e) => ({
      ...e,
      scores: e.scores.slice(0, 2),
    }));
    expect(fitTrajectory([...long, ...short], opts)).toEqual({
      ok: false,
      reason: "too_few",
      have: 49,
      need: 50,
    });
    const enough = [...generate(truth, 50, 6), ...short];
    const result = fitTrajectory(enough, opts);
    if (!result.ok) throw new Error("fit failed");
    expect(result.fit.episodes).toBe(50);
    expect(result.fit.points).toBe(enough.slice(0, 50).reduce((sum, e) => sum + e.scores.length - 1, 0));
  });

  it.each([
    { scores: 2, usable: false },
    { scores: 3, usable: true },
    { scores: 4, usable: true },
  ])("usableEpisodes with minCheckins 3: $scores scores → usable $usable", ({ scores, usable }) => {
    const e = { scores: Array.from({ length: scores }, () => 20), cutoff: 25 };
    expect(usableEpisodes([e], 3)).toEqual(usable ? [e] : []);
  });

  it("all episodes starting at the same y1 → degenerate", () => {
    const rand = mulberry32(9);
    const same: EpisodeSeries[] = Array.from({ length: 60 }, () => ({
      scores: [15, 15 + 10 * rand(), 15 + 10 * rand(), 15 + 10 * rand()],
      cutoff: 25,
    }));
    expect(fitTrajectory(same, opts)).toEqual({ ok: false, reason: "degenerate" });
  });

  it("all episodes starting at the cutoff → degenerate", () => {
    const atCutoff = generate(truth, 60, 10).map((e) => ({ ...e, scores: [25, ...e.scores.slice(1)] }));
    expect(fitTrajectory(atCutoff, opts)).toEqual({ ok: false, reason: "degenerate" });
  });

  it("the same distance below different cutoffs is still degenerate; the same y1 with different cutoffs is not", () => {
    const rand = mulberry32(13);
    const row = (y1: number, cutoff: number): EpisodeSeries => ({
      scores: [y1, y1 + 5 * rand(), y1 + 5 * rand()],
      cutoff,
    });
    const sameDistance = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? row(15, 25) : row(22, 32)));
    expect(fitTrajectory(sameDistance, opts)).toEqual({ ok: false, reason: "degenerate" });
    const sameStart = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? row(15, 25) : row(15, 32)));
    expect(fitTrajectory(sameStart, opts).ok).toBe(true);
  });
});

/*
 * worstStatusCounts with the default parameters (b0 1.4, b1 0.34, sigma 5.5, z 1.28, width 0.5),
 * cutoff 25, y1 = 15:
 *   t = 2: expected 18.327, on track from 16.383, band 13.349
 *   t = 3: expected 15 + 4.8 × 1.0986 = 20.273, spread 5.5 × sqrt(2/3) = 4.491,
 *          on track from 18.028, band 14.525
 */
describe("worstStatusCounts", () => {
  const p = { b0: 1.4, b1: 0.34, sigma: 5.5 };
  const s = { z: 1.28, onTrackWidth: 0.5 };
  const ep = (...scores: number[]): EpisodeSeries => ({ scores, cutoff: 25 });

  it.each([
    { name: "a single score is too early and not counted", series: [ep(15)], on: 0, watch: 0, not: 0 },
    { name: "17 at t = 2 is on track", series: [ep(15, 17)], on: 1, watch: 0, not: 0 },
    { name: "15 at t = 2 is watch", series: [ep(15, 15)], on: 0, watch: 1, not: 0 },
    { name: "13 at t = 2 is not on track", series: [ep(15, 13)], on: 0, watch: 0, not: 1 },
    {
      name: "on track then not on track counts as not on track",
      series: [ep(15, 17, 14)],
      on: 0,
      watch: 0,
      not: 1,
    },
    { name: "watch then on track counts as watch", series: [ep(15, 15, 25)], on: 0, watch: 1, not: 0 },
    {
      name: "not on track then recovering still counts as not on track",
      series: [ep(15, 13, 30)],
      on: 0,
      watch: 0,
      not: 1,
    },
  ])("$name", ({ series, on, watch, not }) => {
    expect(worstStatusCounts(series, p, s, 40)).toEqual({ on_track: on, watch, not_on_track: not });
  });

  it("a mixed set: each episode once, by its worst status", () => {
    const series = [ep(15), ep(15, 17), ep(15, 15), ep(15, 13), ep(15, 17, 14), ep(15, 15, 25)];
    expect(worstStatusCounts(series, p, s, 40)).toEqual({ on_track: 1, watch: 2, not_on_track: 2 });
  });

  it("episodes that follow their expected trajectory exactly are on track", () => {
    const exact = generate({ ...p, sigma: 0 }, 20, 21);
    expect(worstStatusCounts(exact, p, s, 40)).toEqual({ on_track: 20, watch: 0, not_on_track: 0 });
  });
});
