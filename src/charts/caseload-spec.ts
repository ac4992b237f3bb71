import type { TopLevelSpec } from "vega-lite";
import { allianceKeyEntry, allianceStrip, STRIP_GAP, type XEncoding } from "./caseload-alliance.js";
import type { ChartData } from "./chart-data.js";
import { type KeyEntry, keySpec, SYMBOLS } from "./chart-key.js";
import type { ChartText } from "./chart-keys.js";
import { COLOUR, CONFIG, DASH, SIZE, steps, TYPE, type ViewSpec } from "./chart-style.js";
import { cutoffLabel, cutoffRule } from "./cutoff-label.js";
import type { TextMeasure } from "./font-metrics.js";
import { noteLines } from "./note-lines.js";
import { bandLayers, progressLayers } from "./progress-layers.js";
import { labelLookup, labelledTicks, timeAxis } from "./time-axis.js";

/**
 * The weekly digest's small multiples: one panel per client with an open warning, at most twelve,
 * three to a row so each panel is still about 220 pixels wide on a phone. Each panel is the
 * client's current episode only (progress, expected path and band, cutoff, reliable change), with
 * the alias and the warning in words as its title: the alias only, never a name. A client listed
 * for the alliance has its totals in a strip under the progress (caseload-alliance.ts): a panel
 * titled "alliance concern" over a flat progress line would hide the reason it is there.
 */
export interface CaseloadPanel {
  data: ChartData;
  /** The open warning(s), worded by the caller ("not on track", "alliance"). */
  note: string;
  /** Listed for the alliance: its strip is drawn under the progress. */
  alliance?: boolean;
}

export const MAX_PANELS = 12;

/** What each line of a panel's note after its first adds to the row, at the small type's size. */
const NOTE_LINE = 18;

/**
 * The picture's height, in pixels at 1×, as drawn (measured with the shipped font): a row of
 * panels, what a row with an alliance strip adds, and the most the title, its subtitle and the
 * key (four rows of it in German) take. The picture must stay within the 1024 pixels Teams takes.
 */
const HEIGHT = { budget: 1024, row: 186, strip: 64, head: 180, noteLine: NOTE_LINE } as const;

/**
 * The panels drawn: the first MAX_PANELS, most urgent first, less the last rows where rows with
 * alliance strips would make the picture taller than Teams takes (four such rows would); the rest
 * are counted ("3 more not shown"), and the alt text and the digest's words list them all.
 */
export function shownPanels(
  panels: readonly CaseloadPanel[],
  measure?: TextMeasure,
): readonly CaseloadPanel[] {
  const first = panels.slice(0, MAX_PANELS);
  let height = HEIGHT.head;
  let count = 0;
  // A note on more than one line makes its row taller by the lines it adds.
  const lines = (p: CaseloadPanel) => (measure ? panelNote(p.note, measure).length : 1);
  for (let i = 0; i < first.length; i += COLUMNS) {
    const row = first.slice(i, i + COLUMNS);
    const added = Math.max(...row.map(lines)) - 1;
    height += HEIGHT.row + (row.some(hasStrip) ? HEIGHT.strip : 0) + added * HEIGHT.noteLine;
    if (height > HEIGHT.budget) break;
    count += row.length;
  }
  return first.slice(0, count);
}
const COLUMNS = 3;

/**
 * A panel's note as drawn (note-lines.ts): at most four lines as wide as the cell, whose title
 * begins over the y axis's labels, not at the plot.
 */
function panelNote(note: string, measure: TextMeasure): string[] {
  return noteLines(note, measure, TYPE.small, PANEL.width + Y_LABELS, NOTE_MAX_LINES);
}
const NOTE_MAX_LINES = 4;
/** What the y axis's labels ("40") add to a cell's width on its left. */
const Y_LABELS = 24;
/**
 * A progress panel; shorter in a picture with alliance strips, so that four rows of a panel and a
 * strip still fit the 1024 pixels Teams takes. Every progress panel of a picture has one height.
 */
const PANEL = { width: 206, height: 96 } as const;
/** The size of a total's point in a small panel (the client chart's is POINT_SIZE). */
const PANEL_POINT_SIZE = 60;
/** The small panel's time axis: its points are smaller than the client chart's. */
const PANEL_AXIS = { width: PANEL.width, minGap: 12, pad: 12 } as const;

export function caseloadSpec(
  panels: readonly CaseloadPanel[],
  text: ChartText,
  measure: TextMeasure,
): TopLevelSpec {
  const shown = shownPanels(panels, measure);
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
      { concat: shown.map((p) => cell(currentEpisode(p.data), p)), columns: COLUMNS },
    ],
  };

  /** A client's cell: the progress panel, and under it the alliance's strip with the dates. */
  function cell(data: ChartData, p: CaseloadPanel): ViewSpec {
    if (!hasStrip(p)) return panel(data, p.note, true);
    return {
      vconcat: [panel(data, p.note, false), allianceStrip(data, xEncoding(data, true))],
      spacing: STRIP_GAP,
    };
  }

  function xEncoding(data: ChartData, dated: boolean): XEncoding {
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
      field: "x",
      type: "quantitative",
      scale: { domain: [...data.xDomain], nice: false, zero: false },
      axis: {
        values: ticks,
        // Over an alliance strip the dates are the strip's, at the bottom of the cell.
        ...(dated
          ? {
              labelExpr: labelLookup(
                data.points.map((p) => p.x),
                data.points.map((p) => p.label),
              ),
            }
          : { labels: false }),
        labelFlush: PANEL_AXIS.pad + 1,
        labelFontSize: TYPE.small,
        grid: false,
        title: null,
      },
    };
  }

  function panel(data: ChartData, note: string, dated: boolean): ViewSpec {
    return {
      ...PANEL,
      title: {
        text: data.alias,
        subtitle: panelNote(note, measure),
        fontSize: TYPE.label,
        subtitleFontSize: TYPE.small,
        offset: 6,
      },
      encoding: {
        x: xEncoding(data, dated),
        y: {
          type: "quantitative",
          scale: { domain: [0, data.progressMax], nice: false },
          axis: { values: steps(0, data.progressMax, 20), labelFontSize: TYPE.small, title: null },
        },
      },
      layer: [
        ...bandLayers(data),
        cutoffRule(data),
        ...progressLayers(data, PANEL_POINT_SIZE),
        ...cutoffLabel(
          data,
          text,
          measure,
          { ...PANEL, yMin: 0, yMax: data.progressMax },
          { words: "short", pointSize: PANEL_POINT_SIZE, checkinMarks: false },
        ),
      ],
    };
  }
}

/** Listed for the alliance, with an alliance total in the episode shown: a strip is drawn. */
function hasStrip(p: CaseloadPanel): boolean {
  return p.alliance === true && currentEpisode(p.data).points.some((x) => x.alliance !== null);
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
  const alliance = panels.find(hasStrip);
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
    // Only when a strip is drawn: a key entry for nothing on the picture would puzzle.
    ...(alliance ? [allianceKeyEntry(alliance.data, text)] : []),
  ];
}
