import { describe, expect, it } from "vitest";
import { combinedOutcome } from "../../src/clinical/combined.js";
import { assessMeasure, type MeasureScoring } from "../../src/clinical/measure.js";

/** The NHS Talking Therapies definitions when a client has both the PHQ-9 and the GAD-7. */
const PHQ9: MeasureScoring = {
  direction: "lower_is_better",
  range: { min: 0, max: 27 },
  bands: [{ from: 0 }],
  caseness: 10,
  reliableChange: 6,
  ruleMethod: true,
  trajectory: null,
};
const GAD7: MeasureScoring = { ...PHQ9, range: { min: 0, max: 21 }, caseness: 8, reliableChange: 4 };

function outcome(phq: [number, number], gad: [number, number]) {
  const rules = { noChangeAt: 4, changePlanAt: 8 };
  const t = { z: 1.28, onTrackWidth: 0.5 };
  const p = assessMeasure({ id: "phq9", earlier: [phq[0]], total: phq[1] }, PHQ9, rules, t).assessment;
  const g = assessMeasure({ id: "gad7", earlier: [gad[0]], total: gad[1] }, GAD7, rules, t).assessment;
  const { measures, ...flags } = combinedOutcome(p, g);
  expect(measures).toEqual(["phq9", "gad7"]);
  return flags;
}

describe("the combined PHQ-9 and GAD-7 outcome", () => {
  it("reliable recovery: cased at the start, on neither now, a reliable fall on one and no rise", () => {
    expect(outcome([15, 8], [9, 7])).toEqual({
      casedAtStart: true,
      recovery: true,
      reliableImprovement: true,
      reliableRecovery: true,
      reliableDeterioration: false,
    });
  });

  it("recovery without reliable improvement: below caseness on both now, but neither fall is reliable", () => {
    expect(outcome([11, 9], [8, 7])).toMatchObject({
      recovery: true,
      reliableImprovement: false,
      reliableRecovery: false,
    });
  });

  it("reliable improvement, still at caseness on one: not recovered", () => {
    expect(outcome([20, 12], [6, 6])).toMatchObject({
      recovery: false,
      reliableImprovement: true,
      reliableRecovery: false,
    });
  });

  it("a reliable fall on one and a reliable rise on the other is a reliable deterioration, not an improvement", () => {
    expect(outcome([20, 12], [3, 7])).toMatchObject({
      reliableImprovement: false,
      reliableDeterioration: true,
    });
  });

  it("reliable deterioration on one is enough", () => {
    expect(outcome([12, 12], [8, 12])).toMatchObject({
      reliableDeterioration: true,
      reliableImprovement: false,
    });
  });

  it("recovery does not apply to a client at caseness on neither at the start", () => {
    expect(outcome([8, 2], [6, 1])).toMatchObject({
      casedAtStart: false,
      recovery: false,
      reliableImprovement: true,
      reliableRecovery: false,
    });
  });

  it("caseness on either at the start counts: GAD-7 alone at 8", () => {
    expect(outcome([5, 4], [8, 3])).toMatchObject({
      casedAtStart: true,
      recovery: true,
      reliableRecovery: true,
    });
  });
});
