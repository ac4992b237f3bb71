import { scoreList } from "./alt-text-lists.js";
import { type CaseloadPanel, currentEpisode, shownPanels } from "./caseload-spec.js";
import type { ChartData, ChartPoint } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";
import type { TextMeasure } from "./font-metrics.js";

/**
 * The caseload's scores of a client: the first (the episode's start, which the warnings measure
 * from) and the latest few, with how many lie between. A digest read each week does not repeat a
 * long episode's whole dated series in every client's sentence.
 */
const CASELOAD_RECENT = 4;

function recentList(
  data: ChartData,
  points: readonly ChartPoint[],
  field: "progress" | "alliance",
  text: ChartText,
): string {
  // Bounded only when at least two would be left out: "1 more in between" saves nothing.
  if (points.length <= CASELOAD_RECENT + 2) return scoreList(data, points, field);
  const between = text("chart_alt_caseload_between", { count: points.length - CASELOAD_RECENT - 1 });
  return [
    scoreList(data, points.slice(0, 1), field),
    between,
    scoreList(data, points.slice(-CASELOAD_RECENT), field),
  ].join("; ");
}

/** The caseload's small panels in words: one sentence per client, the alias, the warning, the scores. */
export function caseloadAltText(
  panels: readonly CaseloadPanel[],
  text: ChartText,
  /** The picture's measure, so the alt text names the panels the picture draws. */
  measure?: TextMeasure,
  /** Between the head and each client's sentences: " " for alt text, "\n\n" for a message to read. */
  between = " ",
): string {
  const shown = shownPanels(panels, measure);
  const head = [text("chart_alt_caseload_head", { count: panels.length })];
  if (panels.length > shown.length)
    head.push(text("chart_caseload_more", { count: panels.length - shown.length }));
  const groups = [head.join(" ")];
  for (const panel of shown) {
    const sentences: string[] = [];
    const episode = currentEpisode(panel.data);
    const withProgress = episode.points.filter((p) => p.progress !== null);
    const latest = withProgress.at(-1);
    sentences.push(
      text("chart_alt_caseload_panel", {
        alias: panel.data.alias,
        note: panel.note,
        scores: withProgress.length > 0 ? recentList(episode, withProgress, "progress", text) : "-",
        status: text(`trajectory_${latest?.trajectory?.status ?? "too_early"}`),
        cutoff: panel.data.cutoff,
      }),
    );
    // Listed for the alliance: its strip is in the picture, so its totals are in the words too.
    const withAlliance = episode.points.filter((p) => p.alliance !== null);
    if (panel.alliance && withAlliance.length > 0)
      sentences.push(
        text("chart_alt_caseload_alliance", {
          scores: recentList(episode, withAlliance, "alliance", text),
          threshold: episode.allianceLine,
        }),
      );
    groups.push(sentences.join(" "));
  }
  return groups.join(between);
}
