import { afterEach, describe, expect, it, vi } from "vitest";
import { altText } from "../../src/charts/alt-text.js";
import { chartData } from "../../src/charts/chart-data.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { chartMeasure, specToSvg } from "../../src/charts/render.js";
import { input, shippedText, weekly } from "./fixtures.js";

/**
 * The dates under the chart: "Dec 10" within this year, the year in full ("Dec 10, 2025") on a
 * chart that spans years or lies in another year, never a two-digit year ("Dec 10, 26") that reads
 * as a second day; each language in its own style.
 */
const measure = chartMeasure();
const NOW = "2026-12-20T12:00:00Z";
const labels = (start: string, language: string, count = 2) =>
  chartData(input("A", weekly(Array(count).fill(20), [], { start }), { language, now: NOW })).points.map(
    (p) => p.label,
  );

describe("the chart's dates", () => {
  it.each([
    ["en", ["Dec 3", "Dec 10"]],
    ["en-GB", ["3 Dec", "10 Dec"]],
    ["de", ["3. Dez.", "10. Dez."]],
    ["es", ["3 dic", "10 dic"]],
  ])("leave the year out within this year (%s)", (language, expected) => {
    expect(labels("2026-12-03T09:00:00Z", language)).toEqual(expected);
  });

  it.each([
    ["en", ["Dec 3, 2025", "Dec 10, 2025"]],
    ["de", ["3. Dez. 2025", "10. Dez. 2025"]],
    ["es", ["3 dic 2025", "10 dic 2025"]],
  ])("write the year in full on a chart of another year (%s)", (language, expected) => {
    expect(labels("2025-12-03T09:00:00Z", language)).toEqual(expected);
  });

  it.each([
    ["en", ["Dec 22, 2025", "Dec 29, 2025", "Jan 5, 2026"]],
    ["de", ["22. Dez. 2025", "29. Dez. 2025", "5. Jan. 2026"]],
  ])("write the year in full on a chart that spans years (%s)", (language, expected) => {
    expect(labels("2025-12-22T09:00:00Z", language, 3)).toEqual(expected);
  });

  it("draws those words under the axis, and the alt text dates the scores the same way", async () => {
    const data = chartData(
      input("Lena", weekly([15, 17, 20], [34, 35, 37], { start: "2025-10-06T08:00:00Z" }), {
        language: "de",
        now: NOW,
      }),
    );
    const svg = await specToSvg(chartSpec(data, shippedText("de"), measure));
    expect(svg).toContain(">20. Okt. 2025</text>");
    expect(svg).not.toMatch(/>\d+\. \w+\. 25</);
    const alt = altText(data, shippedText("de"));
    expect(alt).toContain("20 (20. Okt. 2025)");
  });

  it("makes no date formatter per date: each language and zone reuses its own", () => {
    // Counts every formatter made, with or without `new`.
    let made = 0;
    const count = <T>(run: () => T) => {
      made++;
      return run();
    };
    vi.stubGlobal("Intl", {
      ...Intl,
      DateTimeFormat: new Proxy(real, {
        construct: (t, args) => count(() => Reflect.construct(t, args)),
        apply: (t, self, args) => count(() => Reflect.apply(t, self, args)),
      }),
    });
    // A language and zone no other test draws in: the first chart makes their formatters.
    const over = { language: "fr", timeZone: "Asia/Tokyo", now: NOW };
    chartData(input("A", weekly(Array(24).fill(20)), over));
    const warm = made;
    expect(warm).toBeGreaterThan(0);
    chartData(input("B", weekly(Array(24).fill(21), [], { start: "2026-03-02T08:30:00Z" }), over));
    expect(made).toBe(warm);
  });
});

const real = Intl.DateTimeFormat;

afterEach(() => {
  vi.unstubAllGlobals();
});
