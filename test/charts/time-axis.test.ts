import { describe, expect, it } from "vitest";
import { caseloadSpec, currentEpisode } from "../../src/charts/caseload-spec.js";
import { type ChartCheckin, type ChartData, chartData } from "../../src/charts/chart-data.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { AXIS, SIZE, TYPE } from "../../src/charts/chart-style.js";
import { chartMeasure, specToSvg } from "../../src/charts/render.js";
import { labelledTicks } from "../../src/charts/time-axis.js";
import { englishText, input } from "./fixtures.js";

/**
 * The x axis is time: a check-in's place follows its date (a three-week holiday is three weeks
 * wide), check-ins on the same or adjacent days still stand apart, and the expected path, its band
 * and the cutoff follow the same scale.
 */
const measure = chartMeasure();
const DAY = 86_400_000;

/** Check-ins at these days from Monday 7 September 2026, 10:30 in Berlin. */
function onDays(days: readonly number[], progress: (i: number) => number = (i) => 14 + i): ChartCheckin[] {
  return days.map((d, i) => ({
    at: new Date(Date.parse("2026-09-07T08:30:00Z") + d * DAY).toISOString(),
    episode: 1,
    progress: progress(i),
    alliance: 36 + (i % 3),
    safety: false,
    risk: false,
  }));
}

/** The date labels under the alliance panel: each one's anchor and extent, in the plot's pixels. */
async function dateLabels(data: ChartData): Promise<Map<string, { x: number; from: number; to: number }>> {
  const svg = await specToSvg(chartSpec(data, englishText, measure));
  const labels = new Map<string, { x: number; from: number; to: number }>();
  for (const group of svg.split('class="mark-text role-axis-label"').slice(1)) {
    const body = group.slice(0, group.indexOf("</g>"));
    for (const m of body.matchAll(
      /text-anchor="(\w+)" transform="translate\(([-\d.]+),[-\d.]+\)[^>]*>([^<]+)</g,
    )) {
      const [anchor, at, text] = [m[1], Number(m[2]), m[3] ?? ""];
      if (!/[A-Z][a-z]/.test(text)) continue;
      const w = measure(text, TYPE.label);
      const from = anchor === "start" ? at : anchor === "end" ? at - w : at - w / 2;
      labels.set(text, { x: at, from, to: from + w });
    }
  }
  return labels;
}

const px = (data: ChartData, x: number, width: number = SIZE.plotWidth) =>
  ((x - data.xDomain[0]) / (data.xDomain[1] - data.xDomain[0])) * width;

describe("the chart's time axis", () => {
  // Weekly, then a three-week holiday between 28 Sept and 19 Oct, then weekly again.
  const holiday = () => chartData(input("Gap", onDays([0, 7, 14, 21, 42, 49, 56, 63])));

  it("places a check-in by its date: three weeks away is three times as far as one", () => {
    const xs = holiday().points.map((p) => p.x);
    const week = (xs[1] ?? 0) - (xs[0] ?? 0);
    expect(week).toBeGreaterThan(0);
    expect((xs[4] ?? 0) - (xs[3] ?? 0)).toBeCloseTo(3 * week, 6);
    expect((xs[7] ?? 0) - (xs[6] ?? 0)).toBeCloseTo(week, 6);
  });

  it("writes the dates where their check-ins are drawn, apart as the days are", async () => {
    const labels = await dateLabels(holiday());
    const at = (label: string) => {
      const x = labels.get(label)?.x;
      if (x === undefined) throw new Error(`no label ${label} among ${[...labels.keys()].join(", ")}`);
      return x;
    };
    // 28 Sept to 19 Oct is three weeks; 19 Oct to 26 Oct one.
    expect(at("19 Oct") - at("28 Sept")).toBeCloseTo(3 * (at("26 Oct") - at("19 Oct")), 3);
  });

  it("draws the expected path, its band, the cutoff and the scores on that one scale", () => {
    const data = holiday();
    const spec = chartSpec(data, englishText, measure) as unknown as {
      vconcat: { encoding?: { x?: { scale?: { domain?: number[] } } }; layer?: Layered[] }[];
    };
    const progress = spec.vconcat[1];
    expect(progress?.encoding?.x?.scale?.domain).toEqual(data.xDomain);
    for (const panel of spec.vconcat.slice(2)) expect(panel.encoding?.x?.scale?.domain).toEqual(data.xDomain);
    const layers = progress?.layer ?? [];
    const rowsWith = (field: string) =>
      layers.find((l) => l.data?.values.some((v) => field in v))?.data?.values ?? [];
    const xs = data.points.map((p) => p.x);
    expect(rowsWith("expected").map((v) => v.x)).toEqual(xs);
    expect(rowsWith("progress").map((v) => v.x)).toEqual(xs);
    // The cutoff runs from one end of the domain to the other, whatever the dates.
    const rule = layers.find((l) => l.data?.values.some((v) => "cutoff" in v))?.encoding;
    expect([rule?.x?.datum, rule?.x2?.datum]).toEqual(data.xDomain);
  });

  it("keeps check-ins on the same or adjacent days apart, and their dates from running together", async () => {
    // Two on one day, one the next day, then weekly.
    const data = chartData(input("Close", onDays([0, 7, 7.1, 8, 15, 22, 29])));
    const pixels = data.points.map((p) => px(data, p.x));
    for (let i = 1; i < pixels.length; i++)
      expect((pixels[i] ?? 0) - (pixels[i - 1] ?? 0)).toBeGreaterThanOrEqual(AXIS.minGap - 0.05);
    // Weeks still read as weeks beside them.
    expect((pixels[5] ?? 0) - (pixels[4] ?? 0)).toBeCloseTo((pixels[6] ?? 0) - (pixels[5] ?? 0), 1);
    const labels = [...(await dateLabels(data)).values()].sort((a, b) => a.from - b.from);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < labels.length; i++)
      expect(labels[i]?.from ?? 0).toBeGreaterThan(labels[i - 1]?.to ?? 0);
  });

  it("always writes the first date where the dates crowd: a neighbour gives way instead", async () => {
    // Four check-ins two days apart, a two-month gap, two more: dates with their year (another year).
    const data = chartData(
      input("Crowd", onDays([0, 2, 4, 6, 68, 75]), { language: "en", now: "2027-03-01T12:00:00Z" }),
    );
    const labels = [...(await dateLabels(data)).entries()].sort((a, b) => a[1].from - b[1].from);
    expect(labels[0]?.[0]).toBe("Sep 7, 2026");
    expect(labels.at(-1)?.[0]).toBe("Nov 21, 2026");
    for (let i = 1; i < labels.length; i++)
      expect(labels[i]?.[1].from ?? 0).toBeGreaterThan(labels[i - 1]?.[1].to ?? 0);
    // Many weekly check-ins with a crowded start: still the first, and never two run together.
    const many = chartData(
      input("Many", onDays([0, 1, 2, 3, ...Array.from({ length: 20 }, (_, i) => 10 + 7 * i)])),
    );
    const dates = [...(await dateLabels(many)).entries()].sort((a, b) => a[1].from - b[1].from);
    expect(dates.map(([text]) => text)).toContain("7 Sept 2026");
    expect(dates[0]?.[0]).toBe(many.points[0]?.label);
    expect(dates.at(-1)?.[0]).toBe(many.points.at(-1)?.label);
    for (let i = 1; i < dates.length; i++)
      expect(dates[i]?.[1].from ?? 0).toBeGreaterThan(dates[i - 1]?.[1].to ?? 0);
  });

  it("chooses the first and the latest date, and between them only labels clear of both", () => {
    // 100-pixel labels at 0, 30, 60 and 400 of a 400-pixel axis: 30 and 60 would cover the first's.
    expect(labelledTicks([0, 30, 60, 200, 400], [100, 100, 100, 100, 100], [0, 400], 400, 10)).toEqual([
      0, 200, 400,
    ]);
    expect(labelledTicks([5], [60], [0, 10], 400, 10)).toEqual([5]);
    expect(labelledTicks([], [], [0, 10], 400, 10)).toEqual([]);
    // Only where the first and the latest would run together (a narrow panel) does the latest win.
    expect(labelledTicks([0, 100], [80, 80], [0, 100], 120, 10)).toEqual([100]);
  });

  it("keeps long dates (with their year) within the plot's width", async () => {
    const data = chartData(
      input("Year", onDays([0, 7, 14, 21, 28, 35]), { language: "en", now: "2027-03-01T12:00:00Z" }),
    );
    const labels = [...(await dateLabels(data)).entries()];
    expect(labels.map(([text]) => text)).toContain("Oct 12, 2026");
    for (const [, l] of labels) {
      expect(l.from).toBeGreaterThanOrEqual(0);
      expect(l.to).toBeLessThanOrEqual(SIZE.plotWidth + 0.01);
    }
  });

  it("gives the caseload's small panel a time axis of its own episode", () => {
    const data = chartData(input("Gap", onDays([0, 7, 8, 29])));
    const panel = currentEpisode(data);
    const xs = panel.points.map((p) => p.x);
    expect((xs[3] ?? 0) - (xs[2] ?? 0)).toBeCloseTo(3 * ((xs[1] ?? 0) - (xs[0] ?? 0)), 6);
    expect(px(panel, xs[2] ?? 0, 206) - px(panel, xs[1] ?? 0, 206)).toBeGreaterThanOrEqual(11.99);
    const spec = JSON.stringify(caseloadSpec([{ data, note: "watch" }], englishText, measure));
    expect(spec).toContain(JSON.stringify(panel.xDomain));
  });
});

interface Layered {
  data?: { values: Record<string, unknown>[] };
  encoding?: { x?: { datum?: number }; x2?: { datum?: number } };
}
