import { describe, expect, it } from "vitest";
import { assessMeasure, bandIndex, type MeasureScoring } from "../../src/clinical/measure.js";

/** The built-in PHQ-9 and GAD-7 profiles' numbers (CLINICAL.md), as the loader hands them on. */
const PHQ9: MeasureScoring = {
  direction: "lower_is_better",
  range: { min: 0, max: 27 },
  bands: [{ from: 0 }, { from: 5 }, { from: 10 }, { from: 15 }, { from: 20 }],
  caseness: 10,
  reliableChange: 6,
  ruleMethod: true,
  trajectory: null,
};
const GAD7: MeasureScoring = {
  ...PHQ9,
  range: { min: 0, max: 21 },
  bands: PHQ9.bands.slice(0, 4),
  caseness: 8,
  reliableChange: 4,
};
const RULES = { noChangeAt: 4, changePlanAt: 8 };
const TRAJECTORY = { z: 1.28, onTrackWidth: 0.5 };

function at(s: MeasureScoring, earlier: number[], total: number) {
  return assessMeasure({ id: "m", earlier, total }, s, RULES, TRAJECTORY);
}

describe("severity bands at every boundary", () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [9, 1],
    [10, 2],
    [14, 2],
    [15, 3],
    [19, 3],
    [20, 4],
    [27, 4],
  ])("PHQ-9 %i is band %i (minimal, mild, moderate, moderately severe, severe)", (total, band) => {
    expect(bandIndex(PHQ9.bands, total)).toBe(band);
    expect(at(PHQ9, [], total).assessment.band).toBe(band);
  });

  it.each([
    [4, 0],
    [5, 1],
    [9, 1],
    [10, 2],
    [14, 2],
    [15, 3],
    [21, 3],
  ])("GAD-7 %i is band %i (minimal, mild, moderate, severe)", (total, band) => {
    expect(bandIndex(GAD7.bands, total)).toBe(band);
  });
});

describe("caseness and reliable change where lower is better", () => {
  it("PHQ-9 is at caseness from 10, GAD-7 from 8", () => {
    expect(at(PHQ9, [], 9).assessment.clinical).toBe(false);
    expect(at(PHQ9, [], 10).assessment.clinical).toBe(true);
    expect(at(GAD7, [], 7).assessment.clinical).toBe(false);
    expect(at(GAD7, [], 8).assessment.clinical).toBe(true);
  });

  it("a fall of 6 on the PHQ-9 is a reliable improvement, 5 is not; a rise of 6 is a deterioration", () => {
    expect(at(PHQ9, [20], 15).assessment.category).toBe("unchanged");
    expect(at(PHQ9, [20], 14).assessment.category).toBe("improved");
    expect(at(PHQ9, [12], 17).assessment.category).toBe("unchanged");
    expect(at(PHQ9, [12], 18).assessment.category).toBe("deteriorated");
  });

  it("a fall of 4 on the GAD-7 is reliable, 3 is not; a rise of 4 is a deterioration", () => {
    expect(at(GAD7, [15], 12).assessment.category).toBe("unchanged");
    expect(at(GAD7, [15], 11).assessment.category).toBe("improved");
    expect(at(GAD7, [4], 8).assessment.category).toBe("deteriorated");
  });

  it("recovered: a reliable fall that leaves caseness (PHQ-9 from 15 to 9), not one that stays at 10", () => {
    expect(at(PHQ9, [15], 9).assessment.category).toBe("recovered");
    expect(at(PHQ9, [16], 10).assessment.category).toBe("improved");
  });

  it("keeps the raw change with its sign and the band of the first check-in", () => {
    const { assessment } = at(PHQ9, [19, 16], 12);
    expect(assessment).toMatchObject({
      first: 19,
      previous: 16,
      change: -7,
      index: 3,
      band: 2,
      firstBand: 3,
    });
  });
});

describe("the rule method where lower is better", () => {
  it("a reliable rise is deteriorating, at any check-in", () => {
    expect(at(PHQ9, [12], 18).findings).toEqual(["deteriorating"]);
  });

  it("no reliable fall by the 4th check-in: no change yet; by the 8th: change of plan", () => {
    expect(at(PHQ9, [15, 14, 14], 13).findings).toEqual(["no_change_yet"]);
    expect(at(PHQ9, [15, 14, 14, 13, 13, 12, 12], 12).findings).toEqual(["change_of_plan"]);
    expect(at(PHQ9, [15, 14, 12], 9).findings).toEqual([]);
  });

  it("remembers an earlier reliable improvement that was lost", () => {
    expect(at(PHQ9, [18, 11, 13], 14).assessment.improvedAt).toBe(2);
  });

  it("a client who starts below caseness gets no session-count rules, deterioration still applies", () => {
    expect(at(PHQ9, [6, 6, 7], 7).findings).toEqual([]);
    expect(at(PHQ9, [6, 6, 7], 12).findings).toEqual(["deteriorating"]);
  });

  it("a profile with the rule method off finds nothing", () => {
    expect(at({ ...PHQ9, ruleMethod: false }, [12], 20).findings).toEqual([]);
  });
});

describe("the expected trajectory of a lower-is-better measure", () => {
  const withTrajectory: MeasureScoring = { ...PHQ9, trajectory: { b0: 0.5, b1: 0.3, sigma: 3 } };

  it("expects a fall from a high start, and reads a rise as not on track", () => {
    const steady = at(withTrajectory, [20, 18, 16], 15).assessment.trajectory;
    expect(steady?.expected).toBeLessThan(20);
    expect(steady?.band).toBeGreaterThan(steady?.expected ?? 0);
    expect(steady?.status).toBe("on_track");
    const worse = at(withTrajectory, [20, 21, 22], 23);
    expect(worse.assessment.trajectory?.status).toBe("not_on_track");
    expect(worse.findings).toContain("not_on_track");
  });
});
