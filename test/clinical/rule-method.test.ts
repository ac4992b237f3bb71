import { describe, expect, it } from "vitest";
import type { ChangeCategory } from "../../src/clinical/reliable-change.js";
import { type RuleMethodFinding, ruleMethod } from "../../src/clinical/rule-method.js";

// CLINICAL.md: reliable deterioration at any check-in → "deteriorating"; no reliable improvement by
// the 4th progress check-in → "no change yet"; still none by the 8th → "consider a change of plan".
const s = { noChangeAt: 4, changePlanAt: 8 };

describe("rule method with the default session numbers (4 and 8)", () => {
  it.each<{ category: ChangeCategory; index: number; findings: RuleMethodFinding[] }>([
    // Deterioration at any index.
    { category: "deteriorated", index: 1, findings: ["deteriorating"] },
    { category: "deteriorated", index: 2, findings: ["deteriorating"] },
    { category: "deteriorated", index: 3, findings: ["deteriorating"] },
    // A deterioration is the stronger statement than "no change yet", which stays quiet beside it...
    { category: "deteriorated", index: 4, findings: ["deteriorating"] },
    { category: "deteriorated", index: 5, findings: ["deteriorating"] },
    { category: "deteriorated", index: 7, findings: ["deteriorating"] },
    // ...but not than "consider a change of plan": still no reliable improvement at the 8th, and
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
