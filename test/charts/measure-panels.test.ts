import { describe, expect, it } from "vitest";
import { altText } from "../../src/charts/alt-text.js";
import { type ChartMeasure, chartData, MAX_MEASURES } from "../../src/charts/chart-data.js";
import { chartCheckins } from "../../src/charts/chart-input.js";
import { renderClientChart } from "../../src/charts/render.js";
import type { CompletedCheckin } from "../../src/store/types.js";
import { englishText, input, weekly } from "./fixtures.js";
import { decodePng } from "./png.js";

/**
 * The measures a clinic added (the PHQ-9, the GAD-7) on the client's chart: a panel each, with
 * their totals and caseness line, the same facts in the alt text, and the picture still within
 * what Teams takes inline.
 */
const PHQ9: ChartMeasure = { id: "phq9", name: "PHQ-9", max: 27, caseness: 10, direction: "lower_is_better" };
const GAD7: ChartMeasure = { id: "gad7", name: "GAD-7", max: 21, caseness: 8, direction: "lower_is_better" };
const WHO5: ChartMeasure = {
  id: "who5",
  name: "WHO-5",
  max: 25,
  caseness: 13,
  direction: "higher_is_better",
};

function withMeasures(totals: readonly Record<string, number>[]) {
  return weekly(
    totals.map(() => 20),
    totals.map(() => 37),
  ).map((c, i) => ({ ...c, measures: totals[i] ?? {} }));
}

describe("measure panels", () => {
  it("reads each measure's total from the answers, by instrument id", () => {
    const checkin = (id: number, answers: CompletedCheckin["answers"]): CompletedCheckin => ({
      id,
      clientId: 7,
      episodeId: 1,
      seq: id,
      status: "completed",
      step: 0,
      plan: [],
      comment: null,
      createdAt: "2026-02-01T09:00:00Z",
      completedAt: "2026-02-01T09:05:00Z",
      answers,
    });
    const rows = chartCheckins(
      [
        checkin(1, [
          { instrument: "phq9", item: "item1", value: 2 },
          { instrument: "phq9", item: "item2", value: 3 },
          { instrument: "progress", item: "overall", value: 5 },
        ]),
        checkin(2, [{ instrument: "progress", item: "overall", value: 6 }]),
      ],
      [{ id: 1, startedAt: "2026-01-01T00:00:00Z", endedAt: null }],
      [],
      () => undefined,
      ["phq9", "gad7"],
    );
    expect(rows.map((r) => r.measures)).toEqual([{ phq9: 5 }, {}]);
    // A risk item above its threshold is marked apart from the safety question.
    const marked = chartCheckins(
      [
        checkin(3, [
          { instrument: "phq9", item: "item9", value: 1 },
          { instrument: "safety", item: "harm", value: 0 },
        ]),
      ],
      [{ id: 1, startedAt: "2026-01-01T00:00:00Z", endedAt: null }],
      [],
      (instrument, item) => (instrument === "phq9" && item === "item9" ? 0 : undefined),
      ["phq9"],
    );
    expect(marked.map((r) => [r.safety, r.riskItem])).toEqual([[false, true]]);
  });

  it("draws only the measures with a total among the check-ins shown, at most three", () => {
    const data = chartData(
      input("Robin", withMeasures([{ phq9: 16, gad7: 12 }, { phq9: 9 }]), { measures: [PHQ9, WHO5, GAD7] }),
    );
    expect(data.measures.map((m) => m.id)).toEqual(["phq9", "gad7"]);
    const many = [1, 2, 3, 4].map((i) => ({ ...PHQ9, id: `m${i}`, name: `M${i}` }));
    const full = chartData(
      input("Robin", withMeasures([{ m1: 1, m2: 2, m3: 3, m4: 4 }]), { measures: many }),
    );
    expect(full.measures).toHaveLength(MAX_MEASURES);
  });

  it("says each measure's totals, its direction, and which side of the cutoff the latest lies", () => {
    const alt = altText(
      chartData(
        input(
          "Robin",
          withMeasures([
            { phq9: 16, who5: 8 },
            { phq9: 9, who5: 15 },
          ]),
          { measures: [PHQ9, WHO5] },
        ),
      ),
      englishText,
    );
    expect(alt).toContain(
      "PHQ-9, out of 27 (lower is better): 16 (2 Feb); 9 (9 Feb). The latest is outside the clinical range (cutoff 10).",
    );
    expect(alt).toContain(
      "WHO-5, out of 25 (higher is better): 8 (2 Feb); 15 (9 Feb). The latest is outside the clinical range (cutoff 13).",
    );
    const cased = altText(
      chartData(input("Robin", withMeasures([{ phq9: 10 }]), { measures: [PHQ9] })),
      englishText,
    );
    expect(cased).toContain("The latest is in the clinical range (cutoff 10).");
    // The measures come between progress and the alliance, as their panels do.
    expect(alt.indexOf("Progress, episode 1")).toBeLessThan(alt.indexOf("PHQ-9"));
    expect(alt.indexOf("PHQ-9")).toBeLessThan(alt.indexOf("Alliance, out of 40"));
  });

  it("draws a taller picture with each panel, within the 1024 pixels Teams takes", async () => {
    const totals = [
      { phq9: 16, gad7: 12, who5: 8 },
      { phq9: 12, gad7: 9, who5: 11 },
      { phq9: 9, gad7: 7, who5: 15 },
    ];
    const plain = await renderClientChart(chartData(input("Robin", withMeasures(totals))), englishText);
    const three = await renderClientChart(
      chartData(input("Robin", withMeasures(totals), { measures: [PHQ9, GAD7, WHO5] })),
      englishText,
    );
    expect(three.height).toBeGreaterThan(plain.height + 3 * 100);
    expect(three.height).toBeLessThanOrEqual(1024);
    expect(decodePng(three.png).height).toBe(three.height);
    expect(three.svg).toContain("Robin: progress, PHQ-9, GAD-7, WHO-5 and alliance");
    expect(plain.svg).toContain("Robin: progress and alliance");
    expect(three.svg).toContain("PHQ-9 (0 to 27, lower is better): 10 or more is the clinical range");
    expect(three.svg).toContain("WHO-5 (0 to 25, higher is better): below 13 is the clinical range");
  });
});
