import { describe, expect, it } from "vitest";
import {
  type ChangeCategory,
  changeCategory,
  cutoffC,
  type Direction,
  isClinical,
  rcIndex,
  reliableChangeThreshold,
  sDiff,
  standardError,
} from "../../src/clinical/reliable-change.js";

/*
 * CLINICAL.md, "Reliable change and clinical significance (Jacobson & Truax 1991)".
 *
 * Worked example, computed by hand (SD_pre = 7.5, r_xx = 0.88):
 *   SE     = 7.5 × sqrt(1 − 0.88) = 7.5 × sqrt(0.12) = 7.5 × 0.346410 = 2.598
 *   S_diff = sqrt(2) × 2.598 = 1.414214 × 2.598076 = 3.674
 *   reliable threshold = 1.96 × 3.674235 = 7.2015 ≈ 7.20 points
 *   RC(20 → 28) = 8 / 3.674235 = 2.177 ≈ 2.18  > 1.96: reliable
 *   RC(20 → 27) = 7 / 3.674235 = 1.905 ≈ 1.91  < 1.96: not reliable
 *
 * Cutoff c with M_dys = 19.6, SD_dys = 8.7, M_func = 28, SD_func = 6.7:
 *   c = (SD_func × M_dys + SD_dys × M_func) / (SD_func + SD_dys)
 *     = (6.7 × 19.6 + 8.7 × 28) / (6.7 + 8.7)
 *     = (131.32 + 243.6) / 15.4 = 374.92 / 15.4 = 24.3455 ≈ 24.35
 */
describe("Jacobson & Truax worked example", () => {
  it("SE = 7.5 × sqrt(0.12) = 2.598", () => {
    expect(standardError(7.5, 0.88)).toBeCloseTo(2.598, 3);
  });

  it("S_diff = sqrt(2) × SE = 3.674", () => {
    expect(sDiff(7.5, 0.88)).toBeCloseTo(3.674, 3);
  });

  it("reliable threshold = 1.96 × S_diff = 7.20", () => {
    expect(reliableChangeThreshold(7.5, 0.88)).toBeCloseTo(7.2, 2);
    expect(reliableChangeThreshold(7.5, 0.88)).toBeCloseTo(7.2015, 4);
  });

  it.each([
    { first: 20, now: 28, rc: 2.18, reliable: true },
    { first: 20, now: 27, rc: 1.91, reliable: false },
    { first: 28, now: 20, rc: -2.18, reliable: true },
    { first: 27, now: 20, rc: -1.91, reliable: false },
    { first: 20, now: 20, rc: 0, reliable: false },
  ])("RC for $first → $now = $rc (reliable: $reliable)", ({ first, now, rc, reliable }) => {
    const value = rcIndex(first, now, 7.5, 0.88);
    expect(value).toBeCloseTo(rc, 2);
    expect(Math.abs(value) > 1.96).toBe(reliable);
  });

  it("a perfectly reliable measure has SE 0", () => {
    expect(standardError(7.5, 1)).toBe(0);
  });

  it("cutoff c = (6.7 × 19.6 + 8.7 × 28) / (6.7 + 8.7) = 24.35", () => {
    const c = cutoffC({ meanDys: 19.6, sdDys: 8.7, meanFunc: 28, sdFunc: 6.7 });
    expect(c).toBeCloseTo(24.3455, 4);
  });

  it("cutoff c is the midpoint when both groups have the same SD", () => {
    expect(cutoffC({ meanDys: 10, sdDys: 5, meanFunc: 30, sdFunc: 5 })).toBe(20);
  });

  it("categories with the J&T threshold and cutoff: 20 → 28 recovered, 20 → 27 unchanged", () => {
    const reliableChange = reliableChangeThreshold(7.5, 0.88);
    const cutoff = cutoffC({ meanDys: 19.6, sdDys: 8.7, meanFunc: 28, sdFunc: 6.7 });
    const base = { first: 20, reliableChange, cutoff, direction: "higher_is_better" as const };
    expect(changeCategory({ ...base, now: 28 })).toBe("recovered");
    expect(changeCategory({ ...base, now: 27 })).toBe("unchanged");
    expect(changeCategory({ ...base, now: 12 })).toBe("deteriorated");
  });

  // Only the change is read in tenths, not the threshold: RC = 7.2 / 3.674 = 1.9596 is not > 1.96,
  // and 7.2 is less than "1.96 × S_diff points" (7.2015).
  it("a raw change of 7.2 is below the J&T threshold 7.2015 and is not reliable", () => {
    const reliableChange = reliableChangeThreshold(7.5, 0.88);
    expect(
      changeCategory({ first: 20, now: 27.2, reliableChange, cutoff: 24.35, direction: "higher_is_better" }),
    ).toBe("unchanged");
  });
});

describe("isClinical", () => {
  it.each<{ score: number; cutoff: number; direction: Direction; clinical: boolean }>([
    // Progress: below the cutoff is the clinical range.
    { score: 24.9, cutoff: 25, direction: "higher_is_better", clinical: true },
    { score: 25, cutoff: 25, direction: "higher_is_better", clinical: false },
    { score: 25.1, cutoff: 25, direction: "higher_is_better", clinical: false },
    { score: 0, cutoff: 25, direction: "higher_is_better", clinical: true },
    // PHQ-9: caseness is 10 or more.
    { score: 9, cutoff: 10, direction: "lower_is_better", clinical: false },
    { score: 9.9, cutoff: 10, direction: "lower_is_better", clinical: false },
    { score: 10, cutoff: 10, direction: "lower_is_better", clinical: true },
    { score: 27, cutoff: 10, direction: "lower_is_better", clinical: true },
  ])("$score against $cutoff ($direction): clinical $clinical", ({ score, cutoff, direction, clinical }) => {
    expect(isClinical(score, cutoff, direction)).toBe(clinical);
  });
});

type Case = { first: number; now: number; expected: ChangeCategory };

describe("changeCategory: progress check-in (higher is better, reliable change 5)", () => {
  const progress = (first: number, now: number, cutoff: number) =>
    changeCategory({ first, now, reliableChange: 5, cutoff, direction: "higher_is_better" });

  it.each<Case>([
    // Reliable change boundary.
    { first: 20, now: 25, expected: "recovered" },
    { first: 20, now: 24.9, expected: "unchanged" },
    { first: 20, now: 15, expected: "deteriorated" },
    { first: 20, now: 15.1, expected: "unchanged" },
    { first: 30, now: 35, expected: "improved" },
    { first: 30, now: 34.9, expected: "unchanged" },
    { first: 30, now: 25, expected: "deteriorated" },
    { first: 30, now: 25.1, expected: "unchanged" },
    { first: 20, now: 20, expected: "unchanged" },
    // Recovered needs reliable improvement AND crossing from below 25 to at/above 25.
    { first: 20, now: 25.1, expected: "recovered" },
    { first: 24.9, now: 29.9, expected: "recovered" },
    { first: 10, now: 40, expected: "recovered" },
    { first: 26, now: 31, expected: "improved" },
    { first: 25, now: 30, expected: "improved" },
    { first: 18, now: 24, expected: "improved" },
    { first: 19.9, now: 24.9, expected: "improved" },
    { first: 22, now: 26, expected: "unchanged" },
    // Falling into the clinical range is deterioration, not a fifth category.
    { first: 30, now: 20, expected: "deteriorated" },
  ])("adult cutoff 25: $first → $now is $expected", ({ first, now, expected }) => {
    expect(progress(first, now, 25)).toBe(expected);
  });

  // Differences of one-decimal scores that are 5.0 in tenths but not exactly 5 in floating point:
  // 16.4 − 11.4 = 4.999999999999998, 32.3 − 27.3 = 4.9999999999999964, 8.2 − 3.2 = 4.999999999999999,
  // 16.1 − 11.1 = 5.000000000000002. 20.1 → 25.1 happens to be exact; it is kept as a plain case.
  it.each<Case>([
    { first: 11.4, now: 16.4, expected: "improved" },
    { first: 15.9, now: 20.9, expected: "improved" },
    { first: 3.2, now: 8.2, expected: "improved" },
    { first: 11.1, now: 16.1, expected: "improved" },
    { first: 27.3, now: 32.3, expected: "improved" },
    { first: 20.1, now: 25.1, expected: "recovered" },
    { first: 16.4, now: 11.4, expected: "deteriorated" },
    { first: 32.3, now: 27.3, expected: "deteriorated" },
    { first: 8.2, now: 3.2, expected: "deteriorated" },
    // 4.9 in tenths stays unchanged even with float noise (25 − 20.1 = 4.899999999999999).
    { first: 20.1, now: 25, expected: "unchanged" },
    { first: 30.1, now: 25.2, expected: "unchanged" },
  ])("float noise, compared in tenths: $first → $now is $expected", ({ first, now, expected }) => {
    expect(progress(first, now, 25)).toBe(expected);
  });

  it("the float differences used above are really not exactly 5", () => {
    expect(16.4 - 11.4).not.toBe(5);
    expect(32.3 - 27.3).not.toBe(5);
    expect(8.2 - 3.2).not.toBe(5);
    expect(11.4 - 16.4).not.toBe(-5);
  });

  it.each<Case>([
    { first: 24, now: 29, expected: "recovered" },
    { first: 27.9, now: 32.9, expected: "recovered" },
    { first: 26, now: 31, expected: "recovered" },
    { first: 28, now: 33, expected: "improved" },
    { first: 22, now: 27, expected: "improved" },
  ])("adolescent cutoff 28: $first → $now is $expected", ({ first, now, expected }) => {
    expect(progress(first, now, 28)).toBe(expected);
  });

  it.each<Case>([
    { first: 27, now: 32, expected: "recovered" },
    { first: 31.9, now: 36.9, expected: "recovered" },
    { first: 32, now: 37, expected: "improved" },
    { first: 26, now: 31, expected: "improved" },
  ])("child cutoff 32: $first → $now is $expected", ({ first, now, expected }) => {
    expect(progress(first, now, 32)).toBe(expected);
  });
});

describe("changeCategory: lower is better (PHQ-9: reliable change 6, caseness 10 or more)", () => {
  it.each<Case>([
    { first: 15, now: 9, expected: "recovered" },
    { first: 20, now: 14, expected: "improved" },
    { first: 9, now: 15, expected: "deteriorated" },
    { first: 12, now: 8, expected: "unchanged" },
    { first: 10, now: 4, expected: "recovered" },
    { first: 16, now: 10, expected: "improved" },
    { first: 9, now: 3, expected: "improved" },
    { first: 15, now: 10, expected: "unchanged" },
    { first: 15, now: 20, expected: "unchanged" },
    { first: 4, now: 10, expected: "deteriorated" },
    { first: 27, now: 0, expected: "recovered" },
  ])("PHQ-9 $first → $now is $expected", ({ first, now, expected }) => {
    expect(changeCategory({ first, now, reliableChange: 6, cutoff: 10, direction: "lower_is_better" })).toBe(
      expected,
    );
  });

  it.each<Case>([
    { first: 12, now: 8, expected: "improved" },
    { first: 11, now: 7, expected: "recovered" },
    { first: 8, now: 4, expected: "recovered" },
    { first: 5, now: 9, expected: "deteriorated" },
    { first: 10, now: 7, expected: "unchanged" },
  ])(
    "GAD-7 (reliable change 4, caseness 8 or more) $first → $now is $expected",
    ({ first, now, expected }) => {
      expect(changeCategory({ first, now, reliableChange: 4, cutoff: 8, direction: "lower_is_better" })).toBe(
        expected,
      );
    },
  );
});
