import type { ChartData, ChartPoint } from "./chart-data.js";

/** How the alt texts list scores and dates (alt-text.ts, caseload-alt-text.ts). Pure. */

/**
 * "14 (3 Mar); 16 (10 Mar)": each score with its date, semicolons between, since a date may hold a
 * comma ("Mar 3, 2026").
 */
export function scoreList(
  data: ChartData,
  points: readonly ChartPoint[],
  field: "progress" | "alliance",
): string {
  return points.map((p) => `${p[field]} (${when(data, p)})`).join("; ");
}

export function dates(data: ChartData, points: readonly Pick<ChartPoint, "label" | "day">[]): string {
  return points.map((p) => when(data, p)).join("; ");
}

/**
 * The axis's date when the whole chart lies within one year (the head says which; a chart of
 * another year than this one has the year on its axis too), else the whole date as the summaries
 * write it. Decided by the chart, never by the dates of one list: a fall that lies all in December
 * of a chart that runs into January still needs its year.
 */
export function when(data: ChartData, p: Pick<ChartPoint, "label" | "day">): string {
  return data.spansYears ? p.day : p.label;
}
