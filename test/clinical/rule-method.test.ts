import { describe, expect, it } from "vitest";
import type { ChangeCategory } from "../../src/clinical/reliable-change.js";
import { type RuleMethodFinding, ruleMethod, startsQuiet } from "../../src/clinical/rule-method.js";

// CLINICAL.md: reliable deterioration at any check-in → "deteriorating"; no reliable improvement by
// the 4th progress check-in → "no change yet"; still none by the 8th → "consider a change of plan".
const s = { noChangeAt: 4, changePlanAt: 8 };

describe("rule method with the default session numbers (4 and 8)", () => {
  it.each<{ category: ChangeCategory; index: number; findings: RuleMethodFinding[] }>([
    // Deterioration at any index.
    { category: "deteriorated", index: 1, findings: ["deteriorating"] },
    { category: "deteriorated", index: 2, findings: ["deteriorating"] },
    { category: "deteriorated", index: 3, findings: ["deteriorating"] },
    // A reliable fall is no reliable improvement too: "no change yet" applies beside it (one in
    // force stays in force; startsQuiet keeps a new one from warning beside the fall)...
    { category: "deteriorated", index: 4, findings: ["deteriorating", "no_change_yet"] },
    { category: "deteriorated", index: 5, findings: ["deteriorating", "no_change_yet"] },
    { category: "deteriorated", index: 7, findings: ["deteriorating", "no_change_yet"] },
    // ...and so does "consider a change of plan": still no reliable improvement at the 8th, and
    // the client falling furthest must not get the weakest signal.
    { category: "deteriorated", index: 8, findings: ["deteriorating", "change_of_plan"] },
    { category: "deteriorated", index: 12, findings: ["deteriorating", "change_of_plan"] },
    // Nothing before the 4th.
    { category: "unchanged", index: 1, findings: [] },
    { category: "unchanged", index: 2, findings: [] },
    { category: "unchanged", index: 3, findings: [] },
    // "no change yet" at 4 to 7.
    { category: "unchanged", index: 4, findings: ["no_change_yet"] },
    { category: "unchanged", index: 5, findings: ["no_change_yet"] },
    { category: "unchanged", index: 6, findings: ["no_change_yet"] },
    { category: "unchanged", index: 7, findings: ["no_change_yet"] },
    // "change of plan" from 8 on, instead of "no change yet".
    { category: "unchanged", index: 8, findings: ["change_of_plan"] },
    { category: "unchanged", index: 9, findings: ["change_of_plan"] },
    { category: "unchanged", index: 20, findings: ["change_of_plan"] },
    // A reliable improvement (with or without recovery) silences the session-count rules.
    { category: "improved", index: 3, findings: [] },
    { category: "improved", index: 4, findings: [] },
    { category: "recovered", index: 4, findings: [] },
    { category: "improved", index: 7, findings: [] },
    { category: "improved", index: 8, findings: [] },
    { category: "recovered", index: 8, findings: [] },
    { category: "recovered", index: 15, findings: [] },
  ])("$category at index $index → $findings", ({ category, index, findings }) => {
    expect(ruleMethod({ category, index, startedNonClinical: false }, s)).toEqual(findings);
  });
});

describe("configurable session numbers", () => {
  const own = { noChangeAt: 3, changePlanAt: 6 };
  it.each<{ index: number; findings: RuleMethodFinding[] }>([
    { index: 2, findings: [] },
    { index: 3, findings: ["no_change_yet"] },
    { index: 5, findings: ["no_change_yet"] },
    { index: 6, findings: ["change_of_plan"] },
  ])("noChangeAt 3, changePlanAt 6: unchanged at $index → $findings", ({ index, findings }) => {
    expect(ruleMethod({ category: "unchanged", index, startedNonClinical: false }, own)).toEqual(findings);
  });
});

// The ceiling rule: a client who started at or above the cutoff has little room to improve on
// this measure, so the session-count rules do not apply; deterioration still does.
describe("a client who started in the non-clinical range", () => {
  it.each<{ category: ChangeCategory; index: number; findings: RuleMethodFinding[] }>([
    { category: "unchanged", index: 4, findings: [] },
    { category: "unchanged", index: 8, findings: [] },
    { category: "unchanged", index: 20, findings: [] },
    { category: "deteriorated", index: 2, findings: ["deteriorating"] },
    { category: "deteriorated", index: 8, findings: ["deteriorating"] },
  ])("$category at index $index → $findings", ({ category, index, findings }) => {
    expect(ruleMethod({ category, index, startedNonClinical: true }, s)).toEqual(findings);
  });
});

// "No change yet" beside a reliable fall of the same measure: it does not start as a new warning
// (the deterioration's says more), but one already in force stays in force.
describe("startsQuiet", () => {
  it("quiets a new 'no change yet' beside a deterioration of the same measure only", () => {
    expect(startsQuiet("no_change_yet", ["deteriorating", "no_change_yet"], false)).toBe(true);
    expect(startsQuiet("no_change_yet", ["deteriorating", "no_change_yet"], true)).toBe(false);
    expect(startsQuiet("no_change_yet", ["no_change_yet"], false)).toBe(false);
    expect(startsQuiet("no_change_yet:phq9", ["deteriorating:phq9", "no_change_yet:phq9"], false)).toBe(true);
    expect(startsQuiet("no_change_yet:phq9", ["deteriorating", "no_change_yet:phq9"], false)).toBe(false);
    expect(startsQuiet("deteriorating", ["deteriorating"], false)).toBe(false);
  });
});
