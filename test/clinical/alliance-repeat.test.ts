import { describe, expect, it } from "vitest";
import { allianceRepeat, allianceStepsUp } from "../../src/clinical/alliance-repeat.js";

const series = (...totals: number[]) => totals.map((total, i) => ({ seq: i + 1, total }));

describe("allianceRepeat", () => {
  it("calls a one-point dip after a first warning a further dip, not a step up", () => {
    const r = allianceRepeat(
      { totals: series(29, 28), total: 28, warnedSeq: 1, warnedValue: 29, sinceSeq: 1 },
      5,
    );
    expect(r).toMatchObject({ step: "further", lastStep: "first", since: 1, belowPeak: 1, fromStart: 1 });
    expect(allianceStepsUp(r)).toBe(false);
  });

  it("is clear at a clear fall below the highest, firm at a clear fall since the run's first warning", () => {
    const totals = series(40, 36, 33, 30, 26);
    const at33 = allianceRepeat({ totals, total: 33, warnedSeq: 2, warnedValue: 36, sinceSeq: 2 }, 5);
    expect(at33).toMatchObject({ step: "clear", lastStep: "first", belowPeak: 7, fromStart: 3 });
    expect(allianceStepsUp(at33)).toBe(true);
    const at30 = allianceRepeat({ totals, total: 30, warnedSeq: 3, warnedValue: 33, sinceSeq: 2 }, 5);
    expect(at30).toMatchObject({ step: "firm", lastStep: "clear", fromStart: 6, start: 36, startSeq: 2 });
    expect(allianceStepsUp(at30)).toBe(true);
    const at26 = allianceRepeat({ totals, total: 26, warnedSeq: 4, warnedValue: 30, sinceSeq: 2 }, 5);
    expect(at26).toMatchObject({ step: "firm", lastStep: "firm", since: 4, belowPeak: 14 });
    expect(allianceStepsUp(at26)).toBe(false);
  });

  it("compares tenths, so a clear fall of exactly the setting counts", () => {
    const r = allianceRepeat(
      { totals: series(35.5, 33, 30.5), total: 30.5, warnedSeq: 2, warnedValue: 33, sinceSeq: 1 },
      5,
    );
    expect(r).toMatchObject({ step: "firm", fromStart: 5 });
  });

  it("reads a state stored without the run's first check-in as begun at the last warning", () => {
    const r = allianceRepeat(
      { totals: series(38, 34, 33), total: 33, warnedSeq: 2, warnedValue: 34, sinceSeq: null },
      5,
    );
    expect(r).toMatchObject({ step: "clear", lastStep: "first", startSeq: 2, belowPeak: 5 });
  });

  it("marks the first fall below the concern line in a run: a new fact, more than numbers", () => {
    const input = { totals: series(37, 36, 35), total: 35, warnedSeq: 2, warnedValue: 36, sinceSeq: 2 };
    const crossing = allianceRepeat(input, 5, 36);
    expect(crossing).toMatchObject({ step: "further", lastStep: "first", since: 1, crossed: 36 });
    expect(allianceStepsUp(crossing)).toBe(true);
    // Already below the line at the last warning: nothing crossed.
    const below = allianceRepeat(
      { totals: series(36, 35, 34), total: 34, warnedSeq: 2, warnedValue: 35, sinceSeq: 2 },
      5,
      36,
    );
    expect(below.crossed).toBeUndefined();
    expect(allianceStepsUp(below)).toBe(false);
  });
});
