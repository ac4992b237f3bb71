import { describe, expect, it } from "vitest";
import { expectedScore, type TrajectoryStatus, trajectoryPoint } from "../../src/clinical/trajectory.js";

/*
 * CLINICAL.md, "Expected-trajectory method", default parameters:
 *   b0 = 1.4, b1 = 0.34, sigma = 5.5, z = 1.28, on-track width 0.5, adult cutoff 25, max 40.
 *
 *   expected(t) = y1 + (b0 + b1 × max(0, cutoff − y1)) × ln t
 *   band(t)     = expected(t) − z × sigma × sqrt(1 − 1/t)
 *   on track from expected(t) − 0.5 × sigma × sqrt(1 − 1/t)
 *
 * Hand computation for y1 = 15:
 *   slope = 1.4 + 0.34 × (25 − 15) = 1.4 + 3.4 = 4.8
 *   t = 8: ln 8 = 2.0794;  expected = 15 + 4.8 × 2.0794 = 24.98  (≈ 25 by the 8th check-in, as CLINICAL.md says)
 *          sqrt(7/8) = 0.93541; 5.5 × 0.93541 = 5.1448
 *          on-track line = 24.98 − 0.5 × 5.1448 = 24.98 − 2.572 = 22.41
 *          band          = 24.98 − 1.28 × 5.1448 = 24.98 − 6.585 = 18.40
 *   t = 4: ln 4 = 1.3863;  expected = 15 + 4.8 × 1.3863 = 21.65
 *          sqrt(3/4) = 0.86603; 5.5 × 0.86603 = 4.7631
 *          on-track line = 21.65 − 2.382 = 19.27;  band = 21.65 − 6.097 = 15.56
 *   t = 2: ln 2 = 0.6931;  expected = 15 + 4.8 × 0.6931 = 18.33
 *          sqrt(1/2) = 0.70711; 5.5 × 0.70711 = 3.8891
 *          on-track line = 18.33 − 1.945 = 16.38;  band = 18.33 − 4.978 = 13.35
 * Start above the cutoff, y1 = 35: the intake term max(0, 25 − 35) is 0, so the slope is b0 = 1.4
 *   t = 8: expected = 35 + 1.4 × 2.0794 = 37.91; on-track line 37.91 − 2.572 = 35.34; band 37.91 − 6.585 = 31.33
 */
const p = { b0: 1.4, b1: 0.34, sigma: 5.5 };
const s = { z: 1.28, onTrackWidth: 0.5 };
const CUTOFF = 25;
const MAX = 40;

function point(y1: number, t: number, score: number) {
  return trajectoryPoint({ y1, cutoff: CUTOFF, t, score, max: MAX }, p, s);
}

// The same arithmetic as the formula above, in the same order, so "exactly at the line" is exact.
function lines(y1: number, t: number) {
  const expected = Math.min(MAX, y1 + (1.4 + 0.34 * Math.max(0, CUTOFF - y1)) * Math.log(t));
  const spread = 5.5 * Math.sqrt(1 - 1 / t);
  return { expected, onTrackFrom: expected - 0.5 * spread, band: expected - 1.28 * spread };
}

describe("expected(t) against hand-computed values", () => {
  it.each([
    { y1: 15, t: 1, expected: 15 },
    { y1: 15, t: 2, expected: 18.327 },
    { y1: 15, t: 4, expected: 21.654 },
    { y1: 15, t: 8, expected: 24.981 },
    { y1: 25, t: 8, expected: 27.911 }, // 25 + 1.4 × 2.0794
    { y1: 35, t: 8, expected: 37.911 }, // 35 + 1.4 × 2.0794: above the cutoff the intake term is 0
    { y1: 10, t: 3, expected: 17.141 }, // 10 + (1.4 + 5.1) × 1.0986
  ])("y1 = $y1, t = $t → $expected", ({ y1, t, expected }) => {
    expect(expectedScore(y1, CUTOFF, t, p)).toBeCloseTo(expected, 3);
  });

  it("a client who starts at 15 is expected to reach about 25 by the 8th check-in", () => {
    expect(expectedScore(15, CUTOFF, 8, p)).toBeCloseTo(25, 1);
    expect(expectedScore(15, CUTOFF, 7, p)).toBeLessThan(25);
  });

  it("a start above the cutoff is never expected to fall: the intake term is clamped at 0 (slope b0)", () => {
    const e2 = expectedScore(35, CUTOFF, 2, p);
    const e8 = expectedScore(35, CUTOFF, 8, p);
    expect(e2).toBeGreaterThan(35);
    expect(e8).toBeGreaterThan(e2);
    expect((e8 - 35) / Math.log(8)).toBeCloseTo(1.4, 9);
  });

  it("a lower start has a steeper expected rise (b1 > 0)", () => {
    expect(expectedScore(10, CUTOFF, 5, p) - 10).toBeGreaterThan(expectedScore(20, CUTOFF, 5, p) - 20);
  });
});

describe("trajectoryPoint lines against hand-computed values (y1 = 15)", () => {
  it.each([
    { t: 8, expected: 24.98, onTrackFrom: 22.41, band: 18.4 },
    { t: 4, expected: 21.65, onTrackFrom: 19.27, band: 15.56 },
    { t: 2, expected: 18.33, onTrackFrom: 16.38, band: 13.35 },
  ])(
    "t = $t: expected $expected, on track from $onTrackFrom, band $band",
    ({ t, expected, onTrackFrom, band }) => {
      const pt = point(15, t, 15);
      expect(pt.t).toBe(t);
      expect(pt.expected).toBeCloseTo(expected, 2);
      expect(pt.onTrackFrom).toBeCloseTo(onTrackFrom, 2);
      expect(pt.band).toBeCloseTo(band, 2);
    },
  );

  it("the module's lines equal the formula's", () => {
    for (const t of [2, 3, 5, 8, 12]) {
      const pt = point(15, t, 15);
      const l = lines(15, t);
      expect(pt.expected).toBeCloseTo(l.expected, 12);
      expect(pt.onTrackFrom).toBeCloseTo(l.onTrackFrom, 12);
      expect(pt.band).toBeCloseTo(l.band, 12);
    }
  });
});

describe("status at and around the lines", () => {
  const at8 = lines(15, 8);
  const at4 = lines(15, 4);
  const high = lines(35, 8);
  it.each<{ name: string; y1: number; t: number; score: number; status: TrajectoryStatus }>([
    { name: "exactly at the on-track line", y1: 15, t: 8, score: at8.onTrackFrom, status: "on_track" },
    { name: "just below the on-track line", y1: 15, t: 8, score: at8.onTrackFrom - 1e-9, status: "watch" },
    { name: "exactly at the band", y1: 15, t: 8, score: at8.band, status: "watch" },
    { name: "just below the band", y1: 15, t: 8, score: at8.band - 1e-9, status: "not_on_track" },
    { name: "at expected", y1: 15, t: 8, score: at8.expected, status: "on_track" },
    { name: "above expected", y1: 15, t: 8, score: 40, status: "on_track" },
    // One-decimal scores: on-track line 22.409, band 18.396.
    { name: "22.5 (above 22.41)", y1: 15, t: 8, score: 22.5, status: "on_track" },
    { name: "22.4 (below 22.41)", y1: 15, t: 8, score: 22.4, status: "watch" },
    { name: "18.4 (above 18.396)", y1: 15, t: 8, score: 18.4, status: "watch" },
    { name: "18.3 (below 18.396)", y1: 15, t: 8, score: 18.3, status: "not_on_track" },
    { name: "t = 4 at the on-track line", y1: 15, t: 4, score: at4.onTrackFrom, status: "on_track" },
    { name: "t = 4 at the band", y1: 15, t: 4, score: at4.band, status: "watch" },
    { name: "t = 4 flat at 15 (band 15.56)", y1: 15, t: 4, score: 15, status: "not_on_track" },
    { name: "t = 2 flat at 15 (watch zone 13.35 to 16.38)", y1: 15, t: 2, score: 15, status: "watch" },
    { name: "t = 2 at 13.3 (below 13.35)", y1: 15, t: 2, score: 13.3, status: "not_on_track" },
    { name: "t = 1 (too early) even at 0", y1: 15, t: 1, score: 0, status: "too_early" },
    { name: "t = 1 (too early) at y1", y1: 15, t: 1, score: 15, status: "too_early" },
    // High start: expected 37.91, on track from 35.34, band 31.33; a fall to 31 is not on track.
    { name: "high start, flat at 36", y1: 35, t: 8, score: 36, status: "on_track" },
    { name: "high start, flat at 35 (just below 35.34)", y1: 35, t: 8, score: 35, status: "watch" },
    { name: "high start, at its band", y1: 35, t: 8, score: high.band, status: "watch" },
    { name: "high start, 31 (below 31.33)", y1: 35, t: 8, score: 31, status: "not_on_track" },
  ])("$name → $status", ({ y1, t, score, status }) => {
    expect(point(y1, t, score).status).toBe(status);
  });

  it("at t = 1 the spread is 0, so all three lines are y1", () => {
    const pt = point(20, 1, 20);
    expect(pt).toEqual({ t: 1, expected: 20, onTrackFrom: 20, band: 20, status: "too_early" });
  });
});

describe("cap at the top of the scale", () => {
  it("y1 = 0 at t = 60: 0 + 9.9 × ln 60 = 40.53 is capped at 40", () => {
    expect(expectedScore(0, CUTOFF, 60, p)).toBeCloseTo(40.53, 2);
    const pt = point(0, 60, 40);
    expect(pt.expected).toBe(40);
    // Lines are measured from the capped value: 40 − 0.5 × 5.5 × sqrt(59/60).
    expect(pt.onTrackFrom).toBeCloseTo(40 - 0.5 * 5.5 * Math.sqrt(59 / 60), 12);
    expect(pt.band).toBeCloseTo(40 - 1.28 * 5.5 * Math.sqrt(59 / 60), 12);
    expect(pt.status).toBe("on_track");
  });

  it("with steep parameters (b0 = 10) y1 = 30 at t = 4: 30 + 8.3 × 1.3863 = 41.5, capped at 40", () => {
    const steep = { b0: 10, b1: 0.34, sigma: 5.5 };
    const pt = trajectoryPoint({ y1: 30, cutoff: CUTOFF, t: 4, score: 40, max: MAX }, steep, s);
    expect(pt.expected).toBe(40);
    expect(pt.status).toBe("on_track");
  });

  it("an expectation below the top is not capped", () => {
    expect(point(15, 8, 20).expected).toBeCloseTo(24.98, 2);
  });
});
