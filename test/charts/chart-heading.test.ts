import { describe, expect, it } from "vitest";
import { type ChartMeasure, chartData } from "../../src/charts/chart-data.js";
import { chartImageAlt, chartSentText, chartTitle } from "../../src/charts/chart-heading.js";
import { chartSpec } from "../../src/charts/chart-spec.js";
import { englishText, input, shippedText, weekly } from "./fixtures.js";

/**
 * The chart's message and its picture name the same panels: with a PHQ-9 panel drawn, the text
 * it comes with says "Befinden, PHQ-9 und Arbeitsbeziehung", as the picture's title does.
 */
const PHQ9: ChartMeasure = {
  id: "phq9",
  name: "PHQ-9",
  max: 27,
  caseness: 10,
  direction: "lower_is_better",
  reliableChange: 6,
};

function lena(measures: boolean) {
  const checkins = weekly([14, 20, 26], [36, 38, 39]).map((c, i) =>
    measures ? { ...c, measures: { phq9: 19 - 5 * i } } : c,
  );
  return chartData(input("lena", checkins, measures ? { measures: [PHQ9] } : {}));
}

describe("the chart's heading, message and alt text", () => {
  it("names the measures the picture draws, in the message as in the title", () => {
    const de = shippedText("de");
    const data = lena(true);
    expect(chartTitle(data, de)).toBe("lena: Befinden, PHQ-9 und Arbeitsbeziehung");
    const spec = chartSpec(data, de, () => 0) as { title: { text: string } };
    expect(spec.title.text).toBe(chartTitle(data, de));
    expect(chartSentText(data, de)).toMatch(/^lena: Befinden, PHQ-9 und Arbeitsbeziehung \(Check-ins: 3\)/);
    expect(chartImageAlt(data, de)).toContain("Befinden, PHQ-9 und Arbeitsbeziehung");
    expect(chartSentText(data, englishText)).toMatch(/^lena: progress, PHQ-9 and alliance \(check-ins: 3\)/);
    expect(chartSentText(data, shippedText("es"))).toContain("progreso, PHQ-9 y alianza");
  });

  it("without a measure's panel, says progress and alliance", () => {
    const data = lena(false);
    expect(chartSentText(data, englishText)).toMatch(/^lena: progress and alliance \(check-ins: 3\)/);
    expect(chartImageAlt(data, englishText)).toBe(
      "Chart of lena's progress and alliance; the same in words in the message before it.",
    );
  });
});
