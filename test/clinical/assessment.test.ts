import { describe, expect, it } from "vitest";
import {
  type AssessmentInput,
  assess,
  type ClinicalSettings,
  type TrajectoryModel,
} from "../../src/clinical/assessment.js";
import { clinicConfigSchema } from "../../src/config/clinic-config.js";

// The settings the engine builds from a clinic configuration with every default (CLINICAL.md).
const cfg = clinicConfigSchema.parse({});
const t = cfg.thresholds;
const settings: ClinicalSettings = {
  alliance: { concernBelow: t.allianceConcern, dropOf: t.allianceDrop, itemBelow: t.allianceItem },
  progressReliableChange: t.progressReliableChange,
  cutoffs: t.cutoffs,
  ruleMethod: cfg.ruleMethod,
  trajectory: { z: cfg.trajectory.z, onTrackWidth: cfg.trajectory.onTrackWidth },
};
const model: TrajectoryModel = {
  params: { b0: cfg.trajectory.b0, b1: cfg.trajectory.b1, sigma: cfg.trajectory.sigma },
  fitId: null,
};

function input(over: Partial<AssessmentInput>): AssessmentInput {
  return { earlierProgress: [], progressMax: 40, earlierAlliance: [], age: null, ...over };
}

function allianceOf(total: number) {
  const each = total / 4;
  return { total, items: ["heard", "goals", "approach", "overall"].map((item) => ({ item, value: each })) };
}

describe("the defaults are those of CLINICAL.md", () => {
  it("thresholds, cutoffs, rule method and trajectory", () => {
    expect(settings).toEqual({
      alliance: { concernBelow: 36, dropOf: 1, itemBelow: 9 },
      progressReliableChange: 5,
      cutoffs: { adult: 25, adolescent: 28, child: 32 },
      ruleMethod: { noChangeAt: 4, changePlanAt: 8 },
      trajectory: { z: 1.28, onTrackWidth: 0.5 },
    });
    expect(model.params).toEqual({ b0: 1.4, b1: 0.34, sigma: 5.5 });
  });
});

describe("assess: progress", () => {
  /*
   * Flat at 15, 4th check-in: expected(4) = 15 + 4.8 × ln 4 = 21.654;
   * band = 21.654 − 1.28 × 5.5 × sqrt(3/4) = 21.654 − 6.097 = 15.557 → 15 is not on track,
   * severity round1(15.557 − 15) = 0.6. No reliable improvement by the 4th → no change yet.
   */
  it("flat client at 15, 4th progress check-in: no change yet and not on track", () => {
    const a = assess(input({ earlierProgress: [15, 15, 15], progress: 15 }), settings, model);
    expect(a.progress).toMatchObject({
      total: 15,
      first: 15,
      change: 0,
      index: 4,
      category: "unchanged",
      cutoff: 25,
      band: "adult",
      clinical: true,
    });
    expect(a.progress?.trajectory.status).toBe("not_on_track");
    expect(a.findings).toEqual([
      { rule: "no_change_yet", value: 15 },
      { rule: "not_on_track", value: 15 },
    ]);
    expect(a.alliance).toBeUndefined();
  });

  /*
   * Flat at 20, 4th: expected(4) = 20 + (1.4 + 0.34 × 5) × ln 4 = 20 + 3.1 × 1.3863 = 24.297;
   * on-track line 24.297 − 2.382 = 21.916; band 24.297 − 6.097 = 18.201 → 20 is "watch" (no warning).
   */
  it("flat client at 20, 4th progress check-in: only no change yet (trajectory: watch)", () => {
    const a = assess(input({ earlierProgress: [20, 21, 19], progress: 20 }), settings, model);
    expect(a.progress?.trajectory.status).toBe("watch");
    expect(a.findings).toEqual([{ rule: "no_change_yet", value: 20 }]);
  });

  it("flat client at the 3rd check-in: no rule finding yet", () => {
    const a = assess(input({ earlierProgress: [20, 21], progress: 20 }), settings, model);
    expect(a.findings).toEqual([]);
  });

  it("flat client at the 8th check-in: consider a change of plan instead of no change yet", () => {
    const a = assess(input({ earlierProgress: [24, 24, 24, 24, 24, 24, 24], progress: 24 }), settings, model);
    expect(a.progress?.index).toBe(8);
    expect(a.findings.map((f) => f.rule)).toContain("change_of_plan");
    expect(a.findings.map((f) => f.rule)).not.toContain("no_change_yet");
  });

  /*
   * 20 → 18 → 15, 3rd check-in: change −5 → deteriorated, severity 5.
   * expected(3) = 20 + 3.1 × ln 3 = 20 + 3.1 × 1.0986 = 23.406; band = 23.406 − 1.28 × 5.5 × sqrt(2/3)
   * = 23.406 − 5.748 = 17.658 → not on track, severity round1(17.658 − 15) = 2.7.
   */
  it("deteriorating client (20 → 18 → 15): deteriorating and not on track", () => {
    const a = assess(input({ earlierProgress: [20, 18], progress: 15 }), settings, model);
    expect(a.progress).toMatchObject({ change: -5, index: 3, category: "deteriorated" });
    expect(a.findings).toEqual([
      { rule: "deteriorating", value: 15 },
      { rule: "not_on_track", value: 15 },
    ]);
  });

  it("a fall of 4.9 is not deterioration", () => {
    const a = assess(input({ earlierProgress: [20], progress: 15.1 }), settings, model);
    expect(a.progress?.category).toBe("unchanged");
    expect(a.findings.map((f) => f.rule)).not.toContain("deteriorating");
  });

  /*
   * Deteriorated at the 5th (20 → 14.5, change −5.5): deteriorating, and no change yet, which
   * applies beside it (no reliable improvement either); repeat control keeps a new one from warning
   * beside the fall (rule-method.ts, startsQuiet), one in force stays in force.
   * expected(5) = 20 + 3.1 × 1.6094 = 24.989; band = 24.989 − 1.28 × 5.5 × sqrt(4/5) = 24.989 − 6.297
   * = 18.692 → not on track, severity round1(18.692 − 14.5) = 4.2.
   */
  it("deteriorated at the 5th check-in: deteriorating, no change yet and not on track", () => {
    const a = assess(input({ earlierProgress: [20, 19, 18, 17], progress: 14.5 }), settings, model);
    expect(a.findings).toEqual([
      { rule: "deteriorating", value: 14.5 },
      { rule: "no_change_yet", value: 14.5 },
      { rule: "not_on_track", value: 14.5 },
    ]);
  });

  /*
   * Not on track early: 15 → 13 at the 2nd. expected(2) = 15 + 4.8 × ln 2 = 18.327;
   * band = 18.327 − 1.28 × 5.5 × sqrt(1/2) = 18.327 − 4.978 = 13.349 → severity round1(0.349) = 0.3.
   * The change (−2) is not reliable and the rule method is silent before the 4th.
   */
  it("not-on-track client (15 → 13): only not on track", () => {
    const a = assess(input({ earlierProgress: [15], progress: 13 }), settings, model);
    expect(a.progress).toMatchObject({ change: -2, index: 2, category: "unchanged" });
    expect(a.progress?.trajectory.band).toBeCloseTo(13.349, 3);
    expect(a.findings).toEqual([{ rule: "not_on_track", value: 13 }]);
  });

  it.each([15, 2, 0, 40])("first check-in at %d: too early, no change findings", (score) => {
    const a = assess(input({ progress: score }), settings, model);
    expect(a.progress).toMatchObject({
      total: score,
      first: score,
      change: 0,
      index: 1,
      category: "unchanged",
    });
    expect(a.progress?.trajectory.status).toBe("too_early");
    expect(a.findings).toEqual([]);
  });

  it("recovered by the 4th check-in: no findings", () => {
    const a = assess(input({ earlierProgress: [18, 20, 22], progress: 26 }), settings, model);
    expect(a.progress).toMatchObject({ category: "recovered", clinical: false, change: 8 });
    expect(a.progress?.trajectory.status).toBe("on_track");
    expect(a.findings).toEqual([]);
  });

  it.each([
    { age: null, band: "adult", cutoff: 25, category: "improved", clinical: false },
    { age: 30, band: "adult", cutoff: 25, category: "improved", clinical: false },
    { age: 15, band: "adolescent", cutoff: 28, category: "recovered", clinical: false },
    { age: 10, band: "child", cutoff: 32, category: "improved", clinical: true },
  ])("26 → 31 at age $age: $band cutoff $cutoff, $category", ({ age, band, cutoff, category, clinical }) => {
    const a = assess(input({ earlierProgress: [26], progress: 31, age }), settings, model);
    expect(a.progress).toMatchObject({ band, cutoff, category, clinical });
  });

  it("the trajectory uses the model's parameters (a fitted model)", () => {
    const fitted: TrajectoryModel = { params: { b0: 0, b1: 0, sigma: 5.5 }, fitId: 3, episodes: 60 };
    // With b0 = b1 = 0 the expectation is flat: 15 at the 4th is exactly on the expected line.
    const a = assess(input({ earlierProgress: [15, 15, 15], progress: 15 }), settings, fitted);
    expect(a.progress?.trajectory.expected).toBe(15);
    expect(a.progress?.trajectory.status).toBe("on_track");
    expect(a.findings).toEqual([{ rule: "no_change_yet", value: 15 }]);
  });
});

describe("assess: alliance", () => {
  it("38 → 37: the alliance rule (a drop), no concern", () => {
    const a = assess(input({ earlierAlliance: [38], alliance: allianceOf(37) }), settings, model);
    expect(a.alliance).toMatchObject({ total: 37, previous: 38, change: -1, concern: false });
    expect(a.alliance?.drop).toEqual({ from: 38, by: 1, belowPeak: 1 });
    expect(a.findings).toEqual([{ rule: "alliance", value: 37 }]);
    expect(a.alliance?.concern).toBe(false);
    expect(a.alliance?.drop).toMatchObject({ from: 38, by: 1 });
    expect(a.progress).toBeUndefined();
  });

  it("38 → 37.1: no drop, no finding", () => {
    const a = assess(input({ earlierAlliance: [38], alliance: allianceOf(37.1) }), settings, model);
    expect(a.findings).toEqual([]);
  });

  it("40 → 38 → 37: a drop of 1 since the last check-in", () => {
    const a = assess(input({ earlierAlliance: [40, 38], alliance: allianceOf(37) }), settings, model);
    expect(a.findings).toEqual([{ rule: "alliance", value: 37 }]);
  });

  it.each([
    { total: 35.9, findings: [{ rule: "alliance", value: 35.9 }] },
    { total: 36, findings: [] },
    { total: 30, findings: [{ rule: "alliance", value: 30 }] },
  ])("first alliance check-in at $total → $findings", ({ total, findings }) => {
    const a = assess(input({ alliance: allianceOf(total) }), settings, model);
    expect(a.findings).toEqual(findings);
  });

  it("38 → 35: concern and drop are one finding of the alliance rule", () => {
    const a = assess(input({ earlierAlliance: [38], alliance: allianceOf(35) }), settings, model);
    expect(a.findings).toEqual([{ rule: "alliance", value: 35 }]);
  });

  it("low items are shown in the assessment but are not findings", () => {
    const alliance = {
      total: 38.9,
      items: [
        { item: "heard", value: 10 },
        { item: "goals", value: 8.9 },
        { item: "approach", value: 10 },
        { item: "overall", value: 10 },
      ],
    };
    const a = assess(input({ alliance }), settings, model);
    expect(a.alliance?.lowItems).toEqual([{ item: "goals", value: 8.9 }]);
    expect(a.findings).toEqual([]);
  });

  it("alliance and progress together: alliance findings first, then progress findings", () => {
    const a = assess(
      input({ earlierAlliance: [38], alliance: allianceOf(35), earlierProgress: [20, 18], progress: 15 }),
      settings,
      model,
    );
    expect(a.findings.map((f) => f.rule)).toEqual(["alliance", "deteriorating", "not_on_track"]);
  });
});

// CLINICAL.md, corrected rules: the ceiling, the earlier improvement named, the clamped intake term.
describe("assess: the corrected rules", () => {
  it("a client who started at 37 and stayed there gets no change-of-plan at check-in 8, and stays on track", () => {
    const a = assess(input({ earlierProgress: [37, 37, 37, 37, 37, 37, 37], progress: 37 }), settings, model);
    expect(a.findings).toEqual([]);
    expect(a.progress?.startedNonClinical).toBe(true);
    expect(a.progress?.trajectory.status).not.toBe("not_on_track");
  });

  it("a fall from 37 to 31 is deteriorating and, with the clamped intake term, not on track", () => {
    const a = assess(input({ earlierProgress: [37], progress: 31 }), settings, model);
    expect(a.findings.map((f) => f.rule)).toEqual(["deteriorating", "not_on_track"]);
    // expected(2) = 37 + 1.4 × ln 2 = 37.97: a start above the cutoff is never expected to fall.
    expect(a.progress?.trajectory.expected).toBeCloseTo(37.97, 2);
  });

  it("a client improved at check-in 3 who fell back by check-in 4 is named as such", () => {
    const a = assess(input({ earlierProgress: [15, 17, 21], progress: 16 }), settings, model);
    expect(a.findings.map((f) => f.rule)).toContain("no_change_yet");
    expect(a.progress?.improvedAt).toBe(3);
  });
});
