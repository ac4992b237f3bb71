import { describe, expect, it } from "vitest";
import { chartData } from "../../src/charts/chart-data.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { SIZE, TYPE } from "../../src/charts/chart-style.js";
import { chartMeasure } from "../../src/charts/render.js";
import { englishText, improving, input, shippedText, weekly } from "./fixtures.js";

/** The alliance panel of a chart's spec: the last of its panels. */
type Text = { mark?: { type?: string; fontWeight?: string; baseline?: string; dy?: number } };
type Panel = {
  title: { text: string };
  height: number;
  encoding: { y: { scale: { domain: number[] }; axis: { values: number[] } } };
  layer: { layer?: Text[] }[];
};
function alliancePanel(spec: ReturnType<typeof chartSpec>): Panel {
  const panels = (spec as unknown as { vconcat: Panel[] }).vconcat;
  return panels.at(-1) as Panel;
}

const measure = chartMeasure();

describe("the alliance panel's axis", () => {
  it("says in its title where the axis starts when it does not start at 0", () => {
    // Scores of 33 to 40: the axis starts at 32, and its title must not say "0 to 40".
    const panel = alliancePanel(chartSpec(improving(), englishText, measure));
    expect(panel.encoding.y.scale.domain).toEqual([32, 40]);
    expect(panel.encoding.y.axis.values[0]).toBe(32);
    expect(panel.title.text).toBe("Alliance (of 40; axis from 32, not 0): below 36 is worth talking about");
    expect(panel.title.text).not.toContain("0 to 40");
  });

  it("keeps '0 to 40' when the axis starts at 0", () => {
    const data = chartData(input("A", weekly([20, 20, 20], [30, 12, 5])));
    const panel = alliancePanel(chartSpec(data, englishText, measure));
    expect(panel.encoding.y.scale.domain).toEqual([0, 40]);
    expect(panel.title.text).toBe("Alliance (0 to 40): below the line at 36 is worth talking about");
  });

  it("fits the panel's width in every shipped language", () => {
    for (const language of ["en", "de", "es"]) {
      const title = alliancePanel(chartSpec(improving(), shippedText(language), measure)).title.text;
      expect(title).toContain("32");
      expect(measure(title, TYPE.panel)).toBeLessThan(SIZE.plotWidth);
    }
  });
});

describe("the alliance panel's resolution", () => {
  it("draws a steady 35 clear of the line at 36", () => {
    // On an axis from 20 a point was 3 pixels under the line, its square across it.
    for (const scores of [
      [35, 35, 35, 35],
      [33, 37, 35, 36],
    ]) {
      const panel = alliancePanel(
        chartSpec(chartData(input("A", weekly([20, 20, 20, 20], scores))), englishText, measure),
      );
      const [floor = 0, max = 40] = panel.encoding.y.scale.domain;
      const perUnit = panel.height / (max - floor);
      // Half the square (size 90), half the line's width, and air.
      expect(perUnit, scores.join(",")).toBeGreaterThanOrEqual(Math.sqrt(90) / 2 + 1 + 2);
    }
  });

  it("writes no two axis labels within a label's height and a half", () => {
    // "30" and "36" on an axis from 20 were 20 pixels apart: one on top of the other.
    for (let low = 0; low <= 40; low++) {
      const panel = alliancePanel(
        chartSpec(chartData(input("A", weekly([20, 20], [38, low]))), englishText, measure),
      );
      const [floor = 0, max = 40] = panel.encoding.y.scale.domain;
      const ys = panel.encoding.y.axis.values.map((v) => ((v - floor) / (max - floor)) * panel.height);
      for (let i = 1; i < ys.length; i++)
        expect(
          (ys[i] ?? 0) - (ys[i - 1] ?? 0),
          `lowest ${low}: ${panel.encoding.y.axis.values}`,
        ).toBeGreaterThanOrEqual(TYPE.label * 1.5);
    }
  });
});

describe("the alliance panel's last score", () => {
  it("keeps its number inside the panel, clear of the dates under it", () => {
    // "19" on an axis from 10 was written below its point, over the date "Dec 26" under the panel.
    for (let last = 11; last <= 35; last++) {
      const data = chartData(input("A", weekly([20, 20, 20], [38, 37, last])));
      const panel = alliancePanel(chartSpec(data, englishText, measure));
      const [floor = 0, max = 40] = panel.encoding.y.scale.domain;
      const label = panel.layer
        .flatMap((l) => l.layer ?? [])
        .find((l) => l.mark?.type === "text" && l.mark.fontWeight === "bold")?.mark;
      expect(label).toBeDefined();
      const y = panel.height - ((last - floor) / (max - floor)) * panel.height;
      const dy = label?.dy ?? 0;
      const bottom = label?.baseline === "top" ? y + dy + TYPE.label : y + dy;
      expect(bottom, `last score ${last}`).toBeLessThanOrEqual(panel.height);
    }
  });
});
