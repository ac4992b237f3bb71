import type { ChartData } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";

/**
 * What a client's chart shows, named alike in the picture's title, in the message it comes with
 * and in the picture's own alt text: "lena: progress, PHQ-9 and alliance" when a measure's panel
 * is drawn, so no one reads of two panels while the picture has three.
 */
export function chartTitle(data: ChartData, text: ChartText): string {
  const measures = measureNames(data);
  return measures
    ? text("chart_title_measures", { alias: data.alias, measures })
    : text("chart_title", { alias: data.alias });
}

/** The message's first line: what the picture shows and how many check-ins it draws. */
export function chartSentText(data: ChartData, text: ChartText): string {
  const measures = measureNames(data);
  const vars = { alias: data.alias, count: data.total };
  return measures ? text("chart_sent_measures", { ...vars, measures }) : text("chart_sent", vars);
}

/** The picture's alt text when its words are in the message before it. */
export function chartImageAlt(data: ChartData, text: ChartText): string {
  const measures = measureNames(data);
  return measures
    ? text("chart_image_alt_measures", { alias: data.alias, measures })
    : text("chart_image_alt", { alias: data.alias });
}

function measureNames(data: ChartData): string {
  return data.measures.map((m) => m.name).join(", ");
}
