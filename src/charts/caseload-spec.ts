import type { TopLevelSpec } from "vega-lite";
import type { ChartData } from "./chart-data.js";
import { type KeyEntry, keySpec, SYMBOLS } from "./chart-key.js";
import type { ChartText } from "./chart-keys.js";
import { COLOUR, CONFIG, DASH, SIZE, steps, TYPE, type ViewSpec } from "./chart-style.js";
import { cutoffLabel, cutoffRule } from "./cutoff-label.js";
import type { TextMeasure } from "./font-metrics.js";
import { bandLayers, progressLayers } from "./progress-layers.js";
import { labelLookup, labelledTicks, timeAxis } from "./time-axis.js";

/**
 * The weekly digest's small multiples: one panel per client with an open warning, at most twelve,
 * three to a row so each panel is still about 220 pixels wide on a phone. Each panel is the
 * client's current episode only (progress, expected path and band, cutoff, reliable change), with
 * the alias and the warning in words as its title: the alias only, never a name.
 */
export interface CaseloadPanel {
  data: ChartData;
  /** The open warning(s), worded by the caller ("not on track", "alliance"). */
  note: string;
}

export const MAX_PANELS = 12;
const COLUMNS = 3;
const PANEL = { width: 206, height: 96 } as const;
/** The small panel's time axis: its points are smaller than the client chart's. */
const PANEL_AXIS = { width: PANEL.width, minGap: 12, pad: 12 } as const;

export function caseloadSpec(
  panels: readonly CaseloadPanel[],
  text: ChartText,
  measure: TextMeasure,
): TopLevelSpec {
  const shown = panels.slice(0, MAX_PANELS);
  const more = panels.length - shown.length;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: { ...CONFIG, concat: { spacing: 18 } },
    title: {
      text: text("chart_caseload_title", { count: panels.length }),
      ...(more > 0 ? { subtitle: text("chart_caseload_more", { count: more }) } : {}),
    },
    vconcat: [
      keySpec(keyEntries(shown, text), SIZE.plotWidth, measure),
      { concat: shown.map((p) => panel(currentEpisode(p.data), p.note)), columns: COLUMNS },
    ],
  };

  function panel(data: ChartData, note: string): ViewSpec {
    // The episode's first and latest dates, the first left out where the two would run together.
    const ends = [...new Set([data.points[0], data.points.at(-1)])].flatMap((p) => (p ? [p] : []));
    const ticks = labelledTicks(
      ends.map((p) => p.x),
      ends.map((p) => measure(p.label, TYPE.small)),
      data.xDomain,
      PANEL.width,
      PANEL_AXIS.pad + 1,
    );
    return {
      width: PANEL.width,
      height: PANEL.height,
      title: {
        text: data.alias,
        subtitle: note,
        fontSize: TYPE.label,
        subtitleFontSize: TYPE.small,
        offset: 6,
      },
      encoding: {
        x: {
          field: "x",
          type: "quantitative",
          scale: { domain: [...data.xDomain], nice: false, zero: false },
          axis: {
            values: ticks,
            labelExpr: labelLookup(
              data.points.map((p) => p.x),
              data.points.map((p) => p.label),
            ),
            labelFlush: PANEL_AXIS.pad + 1,
            labelFontSize: TYPE.small,
            grid: false,
            title: null,
          },
        },
        y: {
          type: "quantitative",
          scale: { domain: [0, data.progressMax], nice: false },
          axis: { values: steps(0, data.progressMax, 20), labelFontSize: TYPE.small, title: null },
        },
      },
      layer: [
        ...bandLayers(data),
        cutoffRule(data),
        ...progressLayers(data, 60),
        ...cutoffLabel(
          data,
          text,
          measure,
          { ...PANEL, yMin: 0, yMax: data.progressMax },
          { words: "short", pointRadius: 8, checkinMarks: false },
        ),
      ],
    };
  }
}

/**
 * The client's latest episode, on a time axis of its own that starts at its first check-in: the
 * small panel shows where they are now.
 */
export function currentEpisode(data: ChartData): ChartData {
  const episode = data.points.at(-1)?.episode;
  const mine = data.points.filter((p) => p.episode === episode);
  const first = mine[0]?.days ?? 0;
  const days = mine.map((p) => p.days - first);
  const axis = timeAxis(days, PANEL_AXIS);
  const points = mine.map((p, i) => ({ ...p, x: axis.xs[i] ?? 0, days: days[i] ?? 0 }));
  return { ...data, points, xDomain: axis.domain, boundaries: [] };
}

function keyEntries(panels: readonly CaseloadPanel[], text: ChartText): KeyEntry[] {
  const rc = panels[0]?.data.reliableChange ?? 0;
  return [
    { symbol: SYMBOLS.progress, text: text("chart_key_progress") },
    { symbol: SYMBOLS.expected, text: text("chart_key_expected") },
    { symbol: SYMBOLS.band, text: text("chart_key_band") },
    {
      symbol: { kind: "line", colour: COLOUR.rule, dash: DASH.cutoff, width: 2 },
      text: text("chart_key_cutoff"),
    },
    { symbol: SYMBOLS.improved, text: text("chart_key_improved", { rc }) },
    { symbol: SYMBOLS.worse, text: text("chart_key_deteriorated", { rc }) },
  ];
}
