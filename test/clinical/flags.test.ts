import { describe, expect, it } from "vitest";
import { type Flag, flagsFor } from "../../src/clinical/flags.js";
import { round1, signed, totalOf } from "../../src/clinical/scores.js";
import { clinicConfigSchema } from "../../src/config/clinic-config.js";
import type { Answer } from "../../src/store/types.js";

const t = clinicConfigSchema.parse({}).thresholds;

const ALLIANCE_ITEMS = ["heard", "goals", "approach", "overall"] as const;
const PROGRESS_ITEMS = ["personal", "relationships", "social", "overall"] as const;

function alliance(...values: [number, number, number, number]): Answer[] {
  return values.map((value, i) => ({ instrument: "alliance", item: ALLIANCE_ITEMS[i] ?? `a${i}`, value }));
}

function progress(...values: [number, number, number, number]): Answer[] {
  return values.map((value, i) => ({ instrument: "progress", item: PROGRESS_ITEMS[i] ?? `p${i}`, value }));
}

/** A check-in that raises no flag on its own: alliance 40, progress 40. */
const GOOD_ALLIANCE = alliance(10, 10, 10, 10);
const GOOD_PROGRESS = progress(10, 10, 10, 10);

function rules(flags: Flag[]): string[] {
  return flags.map((f) => f.rule);
}

describe("default thresholds", () => {
  it("are those of CLINICAL.md", () => {
    expect(t).toEqual({
      allianceConcern: 36,
      allianceDrop: 1,
      allianceItem: 9,
      progressCutoff: 25,
      progressReliableChange: 5,
    });
  });
});

describe("flagsFor: alliance", () => {
  it("raises nothing for a good check-in", () => {
    expect(flagsFor({ answers: [...GOOD_ALLIANCE, ...GOOD_PROGRESS] }, t)).toEqual([]);
  });

  it("warns alliance_concern for a total of 35.9", () => {
    const flags = flagsFor({ answers: alliance(9, 9, 9, 8.9) }, t);
    expect(flags).toContainEqual({ rule: "alliance_concern", total: 35.9, threshold: 36 });
  });

  it("does not warn alliance_concern for a total of exactly 36", () => {
    expect(flagsFor({ answers: alliance(9, 9, 9, 9) }, t)).toEqual([]);
  });

  it("reads the total to one decimal, not as a floating-point sum", () => {
    // 8.6 + 9.7 + 9.9 + 7.8 is 35.99999999999999 in floating point; it is 36.
    expect(8.6 + 9.7 + 9.9 + 7.8).toBeLessThan(36);
    expect(rules(flagsFor({ answers: alliance(8.6, 9.7, 9.9, 7.8) }, t))).toEqual([
      "alliance_item",
      "alliance_item",
    ]);
  });

  it("warns alliance_drop for a fall of exactly 1.0 (38 to 37)", () => {
    const flags = flagsFor({ answers: alliance(9, 9, 9, 10), previous: alliance(9, 9, 10, 10) }, t);
    expect(flags).toEqual([{ rule: "alliance_drop", previous: 38, total: 37, drop: 1 }]);
  });

  it("does not warn alliance_drop for a fall of 0.9 (38 to 37.1)", () => {
    const flags = flagsFor({ answers: alliance(9, 9, 9.1, 10), previous: alliance(9, 9, 10, 10) }, t);
    expect(flags).toEqual([]);
  });

  it("counts a fall of 1.0 between tenths as 1.0 (32.3 to 31.3)", () => {
    // 32.3 - 31.3 is 0.9999999999999964 in floating point.
    expect(32.3 - 31.3).toBeLessThan(1);
    const flags = flagsFor({ answers: alliance(9, 9, 9, 4.3), previous: alliance(9, 9, 9, 5.3) }, t);
    expect(flags).toContainEqual({ rule: "alliance_drop", previous: 32.3, total: 31.3, drop: 1 });
  });

  it("does not warn alliance_drop for a rise", () => {
    expect(flagsFor({ answers: alliance(10, 10, 10, 10), previous: alliance(9, 9, 9, 10) }, t)).toEqual([]);
  });

  it("gives no alliance_drop without a previous check-in", () => {
    expect(rules(flagsFor({ answers: alliance(9, 9, 9, 9) }, t))).not.toContain("alliance_drop");
  });

  it("gives no alliance_drop when the previous check-in had no alliance answers", () => {
    const flags = flagsFor({ answers: alliance(9, 9, 9, 9), previous: GOOD_PROGRESS }, t);
    expect(flags).toEqual([]);
  });

  it("warns alliance_item for an item of 8.9", () => {
    const flags = flagsFor({ answers: alliance(10, 10, 10, 8.9) }, t);
    expect(flags).toEqual([{ rule: "alliance_item", item: "overall", value: 8.9, threshold: 9 }]);
  });

  it("does not warn alliance_item for an item of exactly 9", () => {
    expect(flagsFor({ answers: alliance(10, 10, 10, 9) }, t)).toEqual([]);
  });

  it("warns alliance_item once for each low item", () => {
    const flags = flagsFor({ answers: alliance(8, 10, 8.5, 10) }, t);
    expect(flags).toEqual([
      { rule: "alliance_item", item: "heard", value: 8, threshold: 9 },
      { rule: "alliance_item", item: "approach", value: 8.5, threshold: 9 },
    ]);
  });

  it("gives all three alliance flags together, concern first", () => {
    const flags = flagsFor({ answers: alliance(9, 9, 9, 8.9), previous: alliance(10, 10, 10, 10) }, t);
    expect(flags).toEqual([
      { rule: "alliance_concern", total: 35.9, threshold: 36 },
      { rule: "alliance_drop", previous: 40, total: 35.9, drop: 4.1 },
      { rule: "alliance_item", item: "overall", value: 8.9, threshold: 9 },
    ]);
  });

  it("does not look at progress answers for alliance items", () => {
    expect(flagsFor({ answers: [...GOOD_ALLIANCE, ...progress(8, 8, 8, 8)] }, t)).toEqual([]);
  });
});

describe("flagsFor: progress", () => {
  it("warns progress_clinical for a total of 24.9", () => {
    const flags = flagsFor({ answers: progress(6, 6, 6, 6.9) }, t);
    expect(flags).toEqual([{ rule: "progress_clinical", total: 24.9, cutoff: 25 }]);
  });

  it("does not warn progress_clinical for a total of exactly 25", () => {
    expect(flagsFor({ answers: progress(6, 6, 6, 7) }, t)).toEqual([]);
  });

  it("gives progress_improved for a change of +5 from the first check-in", () => {
    const flags = flagsFor({ answers: progress(7, 7, 8, 8), first: progress(6, 6, 6, 7) }, t);
    expect(flags).toEqual([{ rule: "progress_improved", first: 25, total: 30, change: 5 }]);
  });

  it("gives nothing for a change of +4.9", () => {
    expect(flagsFor({ answers: progress(7, 7, 8, 7.9), first: progress(6, 6, 6, 7) }, t)).toEqual([]);
  });

  it("reads the progress total to one decimal (24.999999999999996 is 25)", () => {
    expect(0 + 6.6 + 9.7 + 8.7).toBeLessThan(25);
    expect(flagsFor({ answers: progress(0, 6.6, 9.7, 8.7) }, t)).toEqual([]);
  });

  it("counts +5 between tenths as +5 despite floating point (3.2 to 8.2)", () => {
    // 8.2 - 3.2 is 4.999999999999999 in floating point.
    expect(8.2 - 3.2).toBeLessThan(5);
    const flags = flagsFor({ answers: progress(0, 0, 0, 8.2), first: progress(0, 0, 0, 3.2) }, t);
    expect(flags).toContainEqual({ rule: "progress_improved", first: 3.2, total: 8.2, change: 5 });
  });

  it("gives progress_deteriorated for a change of -5", () => {
    const flags = flagsFor({ answers: progress(7, 7, 8, 8), first: progress(8, 8, 9, 10) }, t);
    expect(flags).toEqual([{ rule: "progress_deteriorated", first: 35, total: 30, change: -5 }]);
  });

  it("gives nothing for a change of -4.9", () => {
    expect(flagsFor({ answers: progress(7, 7, 8, 8), first: progress(8, 8, 9, 9.9) }, t)).toEqual([]);
  });

  it("gives both progress_clinical and progress_deteriorated for a fall into the clinical range", () => {
    const flags = flagsFor({ answers: progress(5, 5, 5, 5), first: progress(7, 7, 8, 8) }, t);
    expect(flags).toEqual([
      { rule: "progress_clinical", total: 20, cutoff: 25 },
      { rule: "progress_deteriorated", first: 30, total: 20, change: -10 },
    ]);
  });

  it("gives no change flag without a first check-in", () => {
    const flags = flagsFor({ answers: progress(0, 0, 0, 0) }, t);
    expect(flags).toEqual([{ rule: "progress_clinical", total: 0, cutoff: 25 }]);
  });

  it("gives no change flag when the first check-in had no progress answers", () => {
    expect(flagsFor({ answers: GOOD_PROGRESS, first: GOOD_ALLIANCE }, t)).toEqual([]);
  });
});

describe("flagsFor: both instruments", () => {
  it("gives no flags for a check-in with no answers", () => {
    expect(flagsFor({ answers: [], previous: GOOD_ALLIANCE, first: GOOD_PROGRESS }, t)).toEqual([]);
  });

  it("lists alliance flags before progress flags", () => {
    const flags = flagsFor({ answers: [...progress(6, 6, 6, 6.9), ...alliance(9, 9, 9, 8.9)] }, t);
    expect(rules(flags)).toEqual(["alliance_concern", "alliance_item", "progress_clinical"]);
  });

  it("uses the thresholds it is given", () => {
    const strict = { ...t, allianceConcern: 40, progressCutoff: 41, allianceItem: 10 };
    const flags = flagsFor({ answers: [...alliance(10, 10, 10, 9.9), ...GOOD_PROGRESS] }, strict);
    expect(rules(flags)).toEqual(["alliance_concern", "alliance_item", "progress_clinical"]);
  });
});

describe("round1", () => {
  it.each([
    [0.1 + 0.2, 0.3],
    [35.99999999999999, 36],
    [0.9000000000000057, 0.9],
    [7.25, 7.3],
    [7.24, 7.2],
    [-4.9, -4.9],
    [0, 0],
    [40, 40],
  ])("rounds %d to %d", (value, rounded) => {
    expect(round1(value)).toBe(rounded);
  });
});

describe("totalOf", () => {
  it("totals 0.1 + 0.2 to 0.3", () => {
    const answers: Answer[] = [
      { instrument: "alliance", item: "a", value: 0.1 },
      { instrument: "alliance", item: "b", value: 0.2 },
    ];
    expect(totalOf(answers, "alliance")).toBe(0.3);
  });

  it("totals only the named instrument", () => {
    const answers = [...alliance(1, 2, 3, 4), ...progress(10, 10, 10, 10)];
    expect(totalOf(answers, "alliance")).toBe(10);
    expect(totalOf(answers, "progress")).toBe(40);
  });

  it("is undefined when the instrument has no answers, and 0 for zeros", () => {
    expect(totalOf(GOOD_ALLIANCE, "progress")).toBeUndefined();
    expect(totalOf([], "alliance")).toBeUndefined();
    expect(totalOf(alliance(0, 0, 0, 0), "alliance")).toBe(0);
  });
});

describe("signed", () => {
  it.each([
    [3, "+3"],
    [2.5, "+2.5"],
    [-2.5, "-2.5"],
    [0, "0"],
    [0.1 + 0.2, "+0.3"],
    [8.2 - 3.2, "+5"],
    [-0.04, "0"],
    [0.04, "0"],
    [-10, "-10"],
  ])("writes %d as %s", (delta, text) => {
    expect(signed(delta)).toBe(text);
  });
});
