import { describe, expect, it } from "vitest";
import { altText } from "../../src/charts/alt-text.js";
import { chartData } from "../../src/charts/chart-data.js";
import { chartCheckins, chartRiskEvents } from "../../src/charts/chart-input.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { SHAPE } from "../../src/charts/chart-style.js";
import { chartMeasure } from "../../src/charts/render.js";
import type { CompletedCheckin, Episode, RiskEvent } from "../../src/store/types.js";
import { englishText, input } from "./fixtures.js";

/**
 * A disclosure between check-ins is on the chart at its own date, as one in a check-in is: ben
 * wrote risk words inside his Dec 12 check-in, and "i took too many of my pills" on Dec 22, three
 * days after his last check-in.
 */

type Event = Pick<RiskEvent, "checkinId" | "tier" | "source" | "at" | "words">;

const checkin = (
  id: number,
  day: string,
  status: CompletedCheckin["status"] = "completed",
): CompletedCheckin => ({
  id,
  clientId: 7,
  episodeId: 1,
  seq: id,
  status,
  step: 0,
  plan: [],
  comment: null,
  createdAt: `2026-12-${day}T09:00:00Z`,
  completedAt: status === "completed" ? `2026-12-${day}T09:05:00Z` : null,
  answers: [
    { instrument: "progress", item: "p1", value: 20 },
    { instrument: "alliance", item: "a1", value: 34 },
  ],
});
const episodes: Episode[] = [{ id: 1, startedAt: "2026-11-01T00:00:00Z", endedAt: null }];
const words = (checkinId: number | null, day: string, tier: RiskEvent["tier"] = "disclosure"): Event => ({
  checkinId,
  tier,
  source: "free_text",
  at: `2026-12-${day}T20:00:00Z`,
  words: ["pills"],
});

function ben(events: Event[], checkins = [checkin(1, "05"), checkin(2, "12"), checkin(3, "19")]) {
  return chartData(
    input("ben", chartCheckins(checkins, episodes, events), {
      now: "2026-12-26T12:00:00Z",
      riskEvents: chartRiskEvents(checkins, episodes, events),
    }),
  );
}

/** The x of each risk marker drawn in the progress panel, by shape. */
function markerXs(data: ReturnType<typeof ben>, shape: string): number[] {
  const spec = chartSpec(data, englishText, chartMeasure()) as unknown as {
    vconcat: { layer?: { mark?: { type?: string; shape?: string }; data?: { values: { x: number }[] } }[] }[];
  };
  return spec.vconcat.flatMap((panel) =>
    (panel.layer ?? [])
      .filter((l) => l.mark?.type === "point" && l.mark.shape === shape)
      .flatMap((l) => l.data?.values.map((v) => v.x) ?? []),
  );
}

describe("risk events between check-ins", () => {
  it("marks a disclosure after the last check-in at its own date, and the alt text lists it", () => {
    const data = ben([words(2, "12"), words(null, "22")]);
    const last = data.points.at(-1)?.x ?? 0;
    expect(data.events.map((e) => [e.label, e.risk, e.safety])).toEqual([["22 Dec", true, false]]);
    // Three days after the last check-in, on the time axis, inside the drawn domain.
    expect(data.events[0]?.x).toBeGreaterThan(last);
    expect(data.xDomain[1]).toBeGreaterThan(data.events[0]?.x ?? Infinity);
    expect(markerXs(data, SHAPE.risk)).toEqual([data.points[1]?.x, data.events[0]?.x]);
    expect(altText(data, englishText)).toContain("Risk words on 12 Dec; 22 Dec.");
  });

  it("writes the date of a disclosure after the last check-in under the axis", () => {
    const data = ben([words(null, "22")]);
    const spec = chartSpec(data, englishText, chartMeasure()) as unknown as {
      vconcat: { encoding?: { x?: { axis?: { values?: number[]; labelExpr?: string } } } }[];
    };
    const axis = spec.vconcat.at(-1)?.encoding?.x?.axis;
    expect(axis?.values).toContain(data.events[0]?.x);
    expect(axis?.labelExpr).toContain('"22 Dec"');
  });

  it("marks a safety yes outside a check-in, and events of a check-in never completed", () => {
    const yes: Event = {
      checkinId: null,
      tier: "disclosure",
      source: "safety_question",
      at: "2026-12-15T21:00:00Z",
      words: ["pills"],
    };
    const open = [checkin(1, "05"), checkin(2, "12"), checkin(3, "19"), checkin(4, "23", "expired")];
    const data = ben([words(null, "15", "concern"), yes, words(4, "23"), words(null, "24", "message")], open);
    expect(data.events.map((e) => [e.label, e.safety, e.risk])).toEqual([
      ["15 Dec", false, true],
      ["15 Dec", true, false],
      ["23 Dec", false, true],
    ]);
    const alt = altText(data, englishText);
    expect(alt).toContain("Safety question answered yes on 15 Dec.");
    expect(alt).toContain("Risk words on 15 Dec; 23 Dec.");
    expect(markerXs(data, SHAPE.safety)).toEqual([data.events[1]?.x]);
  });

  it("puts risk words after a discharge in no episode: past the discharge's boundary, named so in words", () => {
    // Episode 1 discharged on Dec 14, words on Dec 17, episode 2 from Dec 20.
    const two: Episode[] = [
      { id: 1, startedAt: "2026-11-01T00:00:00Z", endedAt: "2026-12-14T12:00:00Z" },
      { id: 2, startedAt: "2026-12-20T08:00:00Z", endedAt: null },
    ];
    const checkins = [checkin(1, "05"), checkin(2, "12"), { ...checkin(3, "20"), episodeId: 2 }];
    const events = [words(null, "17")];
    const data = chartData(
      input("ben", chartCheckins(checkins, two, events), {
        now: "2026-12-26T12:00:00Z",
        riskEvents: chartRiskEvents(checkins, two, events),
      }),
    );
    expect(data.events.map((e) => [e.label, e.episode, e.afterDischarge])).toEqual([["17 Dec", null, 1]]);
    const first2 = data.points[2];
    const event = data.events[0]?.x ?? 0;
    // The discharge's boundary lies between episode 1's last check-in and the words; episode 2's after them.
    expect(data.boundaries.map((b) => [b.discharged, b.number, b.day])).toEqual([
      [true, 1, "17 Dec 2026"],
      [false, 2, "20 Dec 2026"],
    ]);
    const [discharge, second] = data.boundaries;
    expect(discharge?.edge).toBeGreaterThan(data.points[1]?.x ?? Infinity);
    expect(discharge?.edge).toBeLessThan(event);
    expect(second?.edge).toBeGreaterThan(event);
    expect(second?.edge).toBeLessThan(first2?.x ?? -Infinity);
    const alt = altText(data, englishText);
    expect(alt).toContain("After the discharge of episode 1, from 17 Dec 2026: in no episode.");
    expect(alt).toContain("After discharge, in no episode: Risk words on 17 Dec.");
    expect(alt).not.toContain("No safety answer yes");
    const spec = JSON.stringify(chartSpec(data, englishText, chartMeasure()));
    expect(spec).toContain('"label":"after discharge"');
  });

  it("keeps a check-in's own risk words on the check-in, not twice", () => {
    const data = ben([words(2, "12")]);
    expect(data.events).toEqual([]);
    expect(data.points.map((p) => p.risk)).toEqual([false, true, false]);
  });
});
