import { describe, expect, it } from "vitest";
import { altText } from "../../src/charts/alt-text.js";
import { type ChartMeasure, chartData, MAX_MEASURES } from "../../src/charts/chart-data.js";
import { chartCheckins } from "../../src/charts/chart-input.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { COLOUR, SHAPE } from "../../src/charts/chart-style.js";
import { chartMeasure, renderClientChart } from "../../src/charts/render.js";
import type { CompletedCheckin } from "../../src/store/types.js";
import { englishText, input, weekly } from "./fixtures.js";
import { decodePng } from "./png.js";

/**
 * The measures a clinic added (the PHQ-9, the GAD-7) on the client's chart: a panel each, with
 * their totals and caseness line, the same facts in the alt text, and the picture still within
 * what Teams takes inline.
 */
// Caseness and reliable change as the shipped profiles have them (CLINICAL.md, prompts/profiles).
const PHQ9: ChartMeasure = {
  id: "phq9",
  name: "PHQ-9",
  max: 27,
  caseness: 10,
  direction: "lower_is_better",
  reliableChange: 6,
};
const GAD7: ChartMeasure = {
  id: "gad7",
  name: "GAD-7",
  max: 21,
  caseness: 8,
  direction: "lower_is_better",
  reliableChange: 4,
};
/** A clinic's own profile, higher is better; its figures are this test's, not a clinical claim. */
const WHO5: ChartMeasure = {
  id: "who5",
  name: "WHO-5",
  max: 25,
  caseness: 13,
  direction: "higher_is_better",
  reliableChange: 5,
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
      "PHQ-9, out of 27 (lower is better): 16 (2 Feb); 9 (9 Feb). From 16 to 9 (-7): recovered (a reliable improvement, now out of the clinical range). The latest is outside the clinical range (cutoff 10).",
    );
    expect(alt).toContain(
      "WHO-5, out of 25 (higher is better): 8 (2 Feb); 15 (9 Feb). From 8 to 15 (+7): recovered (a reliable improvement, now out of the clinical range). The latest is outside the clinical range (cutoff 13).",
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

  it("marks a measure's reliable change by its own figure, as the progress panel marks its own", () => {
    // PHQ-9 6 → 8 → 15: +9 is 6 or more, worse; 18 → 9: better (and recovered). 6 → 11 is +5:
    // progress's figure, not the PHQ-9's, so no mark. GAD-7 12 → 8: its figure is 4.
    const shapes = (totals: readonly Record<string, number>[], id = "phq9") =>
      measureRows(chartData(input("Robin", withMeasures(totals), { measures: [PHQ9, GAD7] })), id).map(
        (r) => [r.shape, r.colour],
      );
    const plain = [SHAPE.progress, COLOUR.measure];
    const worse = [SHAPE.worse, COLOUR.worse];
    const better = [SHAPE.improved, COLOUR.improved];
    expect(shapes([{ phq9: 6 }, { phq9: 8 }, { phq9: 15 }])).toEqual([plain, plain, worse]);
    expect(shapes([{ phq9: 18 }, { phq9: 9 }])).toEqual([plain, better]);
    expect(shapes([{ phq9: 6 }, { phq9: 11 }])).toEqual([plain, plain]);
    expect(shapes([{ gad7: 12 }, { gad7: 8 }], "gad7")).toEqual([plain, better]);
    // Against the first of the episode: a new episode starts from its own first total.
    const episodes = withMeasures([{ phq9: 18 }, { phq9: 9 }, { phq9: 20 }]).map((c, i) => ({
      ...c,
      episode: i < 2 ? 1 : 2,
    }));
    const rows = measureRows(chartData(input("Robin", episodes, { measures: [PHQ9] })), "phq9");
    expect(rows.map((r) => r.shape)).toEqual([SHAPE.progress, SHAPE.improved, SHAPE.progress]);
  });

  it("says the measure's change, its category and the reliable changes its panel marks, and keys its figure", () => {
    const data = chartData(
      input("Robin", withMeasures([{ phq9: 6 }, { phq9: 8 }, { phq9: 15 }]), { measures: [PHQ9] }),
    );
    const alt = altText(data, englishText);
    expect(alt).toContain(
      "PHQ-9, out of 27 (lower is better): 6 (2 Feb); 8 (9 Feb); 15 (16 Feb). From 6 to 15 (+9): deteriorated (a reliable change for the worse). The latest is in the clinical range (cutoff 10). PHQ-9: reliably worse than its first (6 points or more) on 16 Feb.",
    );
    const recovered = altText(
      chartData(input("Robin", withMeasures([{ phq9: 18 }, { phq9: 9 }]), { measures: [PHQ9] })),
      englishText,
    );
    expect(recovered).toContain(
      "From 18 to 9 (-9): recovered (a reliable improvement, now out of the clinical range). The latest is outside the clinical range (cutoff 10). PHQ-9: reliably better than its first (6 points or more) on 9 Feb.",
    );
    expect(recovered).not.toContain("reliably worse than its first");
    const key = JSON.stringify(panels(data)[0]);
    expect(key).toContain("5+ better than first (PHQ-9: 6+)");
    expect(key).toContain("5+ worse than first (PHQ-9: 6+)");
  });

  it("draws the mark in the picture: a triangle in the key's colour on the measure's panel", async () => {
    const drawn = async (totals: readonly number[]) =>
      panelSymbols(
        (
          await renderClientChart(
            chartData(input("Robin", withMeasures(totals.map((phq9) => ({ phq9 }))), { measures: [PHQ9] })),
            englishText,
          )
        ).svg,
        2,
      );
    // A triangle's path is three corners; a circle's, two arcs.
    expect(await drawn([6, 8, 15])).toEqual([
      { fill: COLOUR.measure, triangle: null },
      { fill: COLOUR.measure, triangle: null },
      { fill: COLOUR.worse, triangle: "down" },
    ]);
    expect(await drawn([18, 9])).toEqual([
      { fill: COLOUR.measure, triangle: null },
      { fill: COLOUR.improved, triangle: "up" },
    ]);
  });
});

/** The chart's views, top to bottom: the key, progress, each measure, the alliance. */
function panels(data: ReturnType<typeof chartData>): unknown[] {
  return (chartSpec(data, englishText, chartMeasure()) as unknown as { vconcat: unknown[] }).vconcat;
}

/** The rows of a measure's point layer in the spec: each total with its shape and colour. */
function measureRows(data: ReturnType<typeof chartData>, id: string): { shape: string; colour: string }[] {
  const index = data.measures.findIndex((m) => m.id === id);
  const panel = panels(data)[2 + index] as {
    layer: { data?: { values: { shape?: string; colour: string }[] } }[];
  };
  const rows = panel.layer.find((l) => l.data?.values.some((v) => v.shape !== undefined))?.data?.values;
  return (rows ?? []).map((r) => ({ shape: r.shape ?? "", colour: r.colour }));
}

/** The symbols Vega drew in one panel of the picture (its place in the vconcat), left to right. */
function panelSymbols(svg: string, concat: number): { fill: string; triangle: "up" | "down" | null }[] {
  const out: { x: number; fill: string; triangle: "up" | "down" | null }[] = [];
  for (const group of svg.split(`class="mark-symbol role-mark concat_${concat}_`).slice(1)) {
    const body = group.slice(0, group.indexOf("</g>"));
    for (const m of body.matchAll(
      /translate\(([-\d.]+),[-\d.]+\)" d="([^"]+)"[^>]*fill="(#[0-9A-Fa-f]+)"/g,
    )) {
      const d = m[2] ?? "";
      const triangle = /^M0,-[\d.]+L[-\d.,]+L[-\d.,]+Z$/.test(d)
        ? "up"
        : /^M0,[\d.]+L[-\d.,]+L[-\d.,]+Z$/.test(d)
          ? "down"
          : null;
      out.push({ x: Number(m[1]), fill: (m[3] ?? "").toUpperCase(), triangle });
    }
  }
  return out.sort((a, b) => a.x - b.x).map(({ fill, triangle }) => ({ fill, triangle }));
}
