import { describe, expect, it } from "vitest";
import { assessAlliance } from "../../src/clinical/alliance.js";

// CLINICAL.md defaults: concern below 36; drop of 1 point or more from the previous alliance
// check-in; any item below 9 is shown (no warning).
const t = { concernBelow: 36, dropOf: 1, itemBelow: 9 };

function items(...values: number[]) {
  return values.map((value, i) => ({ item: `a${i + 1}`, value }));
}

describe("alliance concern: total below 36", () => {
  it.each([
    { total: 35.9, concern: true },
    { total: 36, concern: false },
    { total: 36.1, concern: false },
    { total: 35, concern: true },
    { total: 0, concern: true },
    { total: 40, concern: false },
  ])("total $total → concern $concern", ({ total, concern }) => {
    expect(assessAlliance({ total, items: [], earlier: [] }, t).concern).toBe(concern);
  });
});

describe("alliance drop: 1 point or more from the previous alliance check-in", () => {
  it.each([
    { earlier: [38], total: 37, drop: true },
    { earlier: [38], total: 37.1, drop: false },
    { earlier: [38], total: 36.9, drop: true },
    { earlier: [38], total: 38, drop: false },
    { earlier: [38], total: 39, drop: false },
    { earlier: [40], total: 30, drop: true },
    // Falls of exactly 1.0 that are not exactly 1 in floating point (−0.9999999999999964, −1.0000000000000036).
    { earlier: [32.3], total: 31.3, drop: true },
    { earlier: [32.2], total: 31.2, drop: true },
    // 29.2 − 30.1 = −0.9000000000000021: a fall of 0.9, no drop.
    { earlier: [30.1], total: 29.2, drop: false },
    // Only the previous check-in counts, not the best or the first.
    { earlier: [40, 35], total: 35, drop: false },
    { earlier: [40, 35], total: 34.1, drop: false },
    { earlier: [35, 40], total: 39, drop: true },
    { earlier: [], total: 20, drop: false },
  ])("$earlier then $total → drop $drop", ({ earlier, total, drop }) => {
    const a = assessAlliance({ total, items: [], earlier }, t);
    expect(a.drop !== undefined).toBe(drop);
  });

  it("38 → 37: previous 38, change −1, drop by 1 from 38, 1 below the peak", () => {
    const a = assessAlliance({ total: 37, items: items(9, 9, 9, 10), earlier: [38] }, t);
    expect(a).toEqual({
      total: 37,
      previous: 38,
      change: -1,
      concern: false,
      drop: { from: 38, by: 1, belowPeak: 1 },
      lowItems: [],
    });
  });

  it("the size of the drop and the distance below the episode's best are rounded to tenths", () => {
    const a = assessAlliance({ total: 31.3, items: [], earlier: [39.6, 32.3] }, t);
    expect(a.change).toBe(-1);
    expect(a.drop).toEqual({ from: 32.3, by: 1, belowPeak: 8.3 });
  });

  it("a first alliance check-in has no previous total and no change", () => {
    const a = assessAlliance({ total: 30, items: [], earlier: [] }, t);
    expect(a.previous).toBeUndefined();
    expect(a.change).toBeUndefined();
    expect(a.drop).toBeUndefined();
    expect(a.concern).toBe(true);
  });

  it("a rise gives a positive change and no drop", () => {
    const a = assessAlliance({ total: 38.5, items: [], earlier: [36] }, t);
    expect(a.change).toBe(2.5);
    expect(a.drop).toBeUndefined();
  });

  it("a clinic's own drop threshold of 2 points: 38 → 36.1 no drop, 38 → 36 drop", () => {
    const own = { ...t, dropOf: 2 };
    expect(assessAlliance({ total: 36.1, items: [], earlier: [38] }, own).drop).toBeUndefined();
    expect(assessAlliance({ total: 36, items: [], earlier: [38] }, own).drop?.by).toBe(2);
  });
});

describe("items to ask about: any item below 9", () => {
  it.each([
    { value: 8.9, listed: true },
    { value: 9, listed: false },
    { value: 9.1, listed: false },
    { value: 0, listed: true },
    { value: 10, listed: false },
  ])("item value $value → listed $listed", ({ value, listed }) => {
    const a = assessAlliance({ total: 27 + value, items: items(9, 9, 9, value), earlier: [] }, t);
    expect(a.lowItems).toEqual(listed ? [{ item: "a4", value }] : []);
  });

  it("lists every low item in the order asked", () => {
    const a = assessAlliance({ total: 34.5, items: items(8, 10, 8.5, 9), earlier: [] }, t);
    expect(a.lowItems).toEqual([
      { item: "a1", value: 8 },
      { item: "a3", value: 8.5 },
    ]);
  });

  it("low items are shown without making the total a concern", () => {
    const a = assessAlliance({ total: 38.9, items: items(8.9, 10, 10, 10), earlier: [] }, t);
    expect(a.concern).toBe(false);
    expect(a.lowItems).toHaveLength(1);
  });
});
