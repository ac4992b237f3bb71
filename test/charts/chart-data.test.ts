import { describe, expect, it } from "vitest";
import { chartData, MAX_POINTS } from "../../src/charts/chart-data.js";
import { chartCheckins } from "../../src/charts/chart-input.js";
import { trajectoryPoint } from "../../src/clinical/trajectory.js";
import type { CompletedCheckin } from "../../src/store/types.js";
import { defaultModel, input, settings, weekly } from "./fixtures.js";

describe("chart data", () => {
  it("marks reliable change at 5 points from the first of the episode, not at 4.9", () => {
    const d = chartData(input("A", weekly([15, 19.9, 20, 10.1, 10])));
    expect(d.points.map((p) => p.marker)).toEqual([null, null, "improved", null, "deteriorated"]);
    expect(d.points.map((p) => p.change)).toEqual([
      "unchanged",
      "unchanged",
      "improved",
      "unchanged",
      "deteriorated",
    ]);
  });

  it("calls a crossing of the cutoff recovered, and still marks it as an improvement", () => {
    const d = chartData(input("A", weekly([20, 26])));
    expect(d.points[1]?.change).toBe("recovered");
    expect(d.points[1]?.marker).toBe("improved");
  });

  it("takes the expected path and its band from the clinical trajectory, per episode", () => {
    const d = chartData(input("A", weekly([15, 16, 18, 30, 31], [], { episodeFrom: 3 })));
    const t = settings.trajectory;
    const at = (y1: number, i: number, score: number) =>
      trajectoryPoint({ y1, cutoff: 25, t: i, score, max: 40 }, defaultModel.params, t);
    expect(d.points[2]?.trajectory).toEqual(at(15, 3, 18));
    // The second episode starts over: its first score is its own intake, t = 1 again.
    expect(d.points[3]?.trajectory).toEqual(at(30, 1, 30));
    expect(d.points[4]?.trajectory).toEqual(at(30, 2, 31));
    expect(d.points[3]?.marker).toBeNull();
    // Weekly: the fourth check-in is 21 days after the first; the boundary halfway from the third.
    expect(d.boundaries).toEqual([{ number: 2, discharged: false, x: 21, edge: 17.5, day: "23 Feb 2026" }]);
  });

  it("reads the band: below it is not on track, between it and the on-track line is watch", () => {
    // Expected at t = 2 from 15: 15 + (1.4 + 0.34 × 10) × ln 2 = 18.33; band 18.33 − 1.28 × 5.5 × √½ = 13.35.
    const statuses = [18.4, 15, 13.3].map(
      (score) => chartData(input("A", weekly([15, score]))).points[1]?.trajectory?.status,
    );
    expect(statuses).toEqual(["on_track", "watch", "not_on_track"]);
  });

  it("uses the cutoff of the client's age band", () => {
    expect(chartData(input("A", weekly([20]), { age: 15 })).cutoff).toBe(28);
    expect(chartData(input("A", weekly([20]), { age: 9 })).band).toBe("child");
    expect(chartData(input("A", weekly([20]), { age: null })).cutoff).toBe(25);
  });

  it("draws the latest check-ins only, but measures change from the true first of the episode", () => {
    const scores = Array.from({ length: MAX_POINTS + 6 }, (_, i) => (i < 3 ? 10 : 14));
    const d = chartData(input("A", weekly(scores)));
    expect(d.points).toHaveLength(MAX_POINTS);
    expect(d.total).toBe(MAX_POINTS + 6);
    expect(d.points[0]?.x).toBe(0);
    expect(d.points.every((p) => p.change === "unchanged")).toBe(true);
    expect(d.points.at(-1)?.trajectory?.t).toBe(MAX_POINTS + 6);
  });

  it("dates the axis in the therapist's zone, with the year when the chart spans two", () => {
    const late = [
      { at: "2026-03-01T23:30:00Z", episode: 1, progress: 20, alliance: null, safety: false, risk: false },
    ];
    expect(chartData(input("A", late, { timeZone: "Europe/Berlin" })).points[0]?.label).toBe("2 Mar");
    expect(chartData(input("A", late, { timeZone: "America/New_York" })).points[0]?.label).toBe("1 Mar");
    const d = chartData(input("A", weekly([20, 21], [], { start: "2025-12-29T10:00:00Z" })));
    expect(d.points.map((p) => p.label)).toEqual(["29 Dec 2025", "5 Jan 2026"]);
  });

  it("flags alliance below the line, not at it", () => {
    const d = chartData(input("A", weekly([20, 20, 20], [35.9, 36, null])));
    expect(d.points.map((p) => p.allianceBelow)).toEqual([true, false, false]);
  });
});

describe("chart input from the store's records", () => {
  const checkin = (
    id: number,
    episodeId: number,
    answers: CompletedCheckin["answers"],
  ): CompletedCheckin => ({
    id,
    clientId: 7,
    episodeId,
    seq: id,
    status: "completed",
    step: 0,
    plan: [],
    comment: "something the client wrote",
    createdAt: `2026-02-0${id}T09:00:00Z`,
    completedAt: `2026-02-0${id}T09:05:00Z`,
    answers,
  });
  const item = (instrument: string, value: number) => ({ instrument, item: `${instrument}1`, value });

  it("sums totals, reads a safety yes, marks risk words but not later messages nor a yes, numbers episodes", () => {
    const rows = chartCheckins(
      [
        checkin(1, 20, [item("progress", 4), item("progress", 5.5), item("alliance", 9)]),
        checkin(2, 20, [item("alliance", 8), item("safety", 1)]),
        checkin(3, 31, [item("progress", 7), item("safety", 0)]),
        { ...checkin(4, 31, []), status: "expired" },
      ],
      [
        { id: 31, startedAt: "2026-02-03T00:00:00Z", endedAt: null },
        { id: 20, startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-02-02T00:00:00Z" },
      ],
      [
        { checkinId: 1, tier: "message", source: "free_text" },
        // The yes of check-in 2 raised a disclosure with no words: its safety mark says it.
        { checkinId: 2, tier: "disclosure", source: "safety_question" },
        { checkinId: 3, tier: "concern", source: "free_text" },
        { checkinId: null, tier: "disclosure", source: "free_text" },
      ],
    );
    expect(rows).toEqual([
      {
        at: "2026-02-01T09:05:00Z",
        episode: 1,
        progress: 9.5,
        alliance: 9,
        safety: false,
        riskItem: false,
        risk: false,
        measures: {},
      },
      {
        at: "2026-02-02T09:05:00Z",
        episode: 1,
        progress: null,
        alliance: 8,
        safety: true,
        riskItem: false,
        risk: false,
        measures: {},
      },
      {
        at: "2026-02-03T09:05:00Z",
        episode: 2,
        progress: 7,
        alliance: null,
        safety: false,
        riskItem: false,
        risk: true,
        measures: {},
      },
    ]);
  });
});
