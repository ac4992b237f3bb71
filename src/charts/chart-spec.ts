import type { TopLevelSpec } from "vega-lite";
import type { ChartData, ChartPoint } from "./chart-data.js";
import { chartTitle } from "./chart-heading.js";
import { type KeyEntry, keySpec, SYMBOLS } from "./chart-key.js";
import type { ChartText } from "./chart-keys.js";
import { COLOUR, CONFIG, FLUSH, SHAPE, SIZE, steps, TYPE, type ViewSpec, withValue } from "./chart-style.js";
import { boundaryLayers, RISK_ROW, riskLayers, riskMarks } from "./checkin-marks.js";
import { cutoffLabel, cutoffRule } from "./cutoff-label.js";
import type { TextMeasure } from "./font-metrics.js";
import { measurePanel } from "./measure-panel.js";
import {
  bandLayers,
  lastValueLabel,
  modelText,
  POINT_SIZE,
  panelLine,
  progressLayers,
} from "./progress-layers.js";
import { labelLookup, labelledTicks } from "./time-axis.js";

/**
 * The chart of one client, as a Vega-Lite spec built from the chart's facts (pure). Two panels on
 * one time axis (a check-in's place follows its date): progress above (totals, the expected path and its band, the cutoff, reliable
 * change as the point's shape, safety answers and risk words marked on their check-ins, episode
 * boundaries), a panel for each measure the clinic added (measure-panel.ts), the alliance below
 * with its line at 36. A key of symbols and words sits on top.
 */
export function chartSpec(data: ChartData, text: ChartText, measure: TextMeasure): TopLevelSpec {
  const x = xScale(data);
  const ticks = labelledTicks(
    datedMarks(data).map((p) => p.x),
    datedMarks(data).map((p) => measure(p.label, TYPE.label)),
    data.xDomain,
    SIZE.plotWidth,
    FLUSH,
  );
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    title: {
      // The measures drawn are named in the title: "alex: progress, PHQ-9, GAD-7 and alliance".
      text: chartTitle(data, text),
      subtitle: text("chart_subtitle", { model: modelText(data, text) }),
    },
    vconcat: [
      keySpec(keyEntries(data, text), SIZE.plotWidth, measure),
      progressPanel(data, text, measure, x, ticks),
      ...data.measures.map((m) => measurePanel(data, m, text, x, ticks)),
      alliancePanel(data, text, x, ticks),
    ],
    resolve: { scale: { x: "shared" } },
  };
}

/**
 * What may have its date under the axis: the check-ins, and the risk events between them (a
 * disclosure after the last check-in is the latest thing on the chart, and its date is written).
 */
function datedMarks(data: ChartData): { x: number; label: string }[] {
  return [...data.points, ...data.events].sort((a, b) => a.x - b.x);
}

/** Time, shared by every panel: the domain leaves room either side of the first and last check-in. */
function xScale(data: ChartData) {
  return { domain: [...data.xDomain], nice: false, zero: false };
}

function keyEntries(data: ChartData, text: ChartText): KeyEntry[] {
  const rc = data.reliableChange;
  // A measure's panel marks reliable change by the same triangles at its own figure (the PHQ-9's
  // 6, not progress's 5): the key says each, "5+ better than first (PHQ-9: 6+)".
  const measures = data.measures
    .map((m) => text("chart_key_measure_rc", { name: m.name, rc: m.reliableChange }))
    .join(", ");
  const change = (plain: "chart_key_improved" | "chart_key_deteriorated") =>
    measures === "" ? text(plain, { rc }) : text(`${plain}_measures`, { rc, measures });
  return [
    { symbol: SYMBOLS.progress, text: text("chart_key_progress") },
    { symbol: SYMBOLS.expected, text: text("chart_key_expected") },
    { symbol: SYMBOLS.band, text: text("chart_key_band") },
    { symbol: SYMBOLS.improved, text: change("chart_key_improved") },
    { symbol: SYMBOLS.worse, text: change("chart_key_deteriorated") },
    { symbol: SYMBOLS.safety, text: text("chart_key_safety") },
    { symbol: SYMBOLS.risk, text: text("chart_key_risk") },
  ];
}

function progressPanel(
  data: ChartData,
  text: ChartText,
  measure: TextMeasure,
  x: ReturnType<typeof xScale>,
  ticks: number[],
): ViewSpec {
  const xEnc = {
    field: "x",
    type: "quantitative" as const,
    scale: x,
    axis: { values: ticks, labels: false, ticks: false, domain: false, title: null, grid: true },
  };
  return {
    width: SIZE.plotWidth,
    height: SIZE.progress,
    title: {
      text: text("chart_axis_progress", { max: data.progressMax }),
      fontSize: TYPE.panel,
      // Room for the safety and risk markers' strip, only when there are some.
      offset: riskMarks(data).length > 0 ? 4 - RISK_ROW : 8,
    },
    encoding: {
      x: xEnc,
      y: {
        type: "quantitative",
        scale: { domain: [0, data.progressMax], nice: false },
        axis: {
          values: withValue(steps(0, data.progressMax, 10), data.cutoff, SIZE.progress / data.progressMax),
          title: null,
        },
      },
    },
    layer: [
      ...bandLayers(data),
      cutoffRule(data),
      ...boundaryLayers(data, text, data.progressMax),
      ...riskLayers(riskMarks(data)),
      ...progressLayers(data),
      // Last: over the lines, where it is read whole (cutoff-label.ts).
      ...cutoffLabel(
        data,
        text,
        measure,
        { width: SIZE.plotWidth, height: SIZE.progress, yMin: 0, yMax: data.progressMax },
        { words: "full", pointSize: POINT_SIZE, checkinMarks: true },
      ),
    ],
  };
}

function alliancePanel(
  data: ChartData,
  text: ChartText,
  x: ReturnType<typeof xScale>,
  ticks: number[],
): ViewSpec {
  const values = data.points.filter((p) => p.alliance !== null);
  // The panel is short: start near the lowest score (allianceFloor) so a point below the line
  // stands apart from the line, instead of squeezing 0 to 40 into 78 pixels. Scores sit high and
  // the line is at 36, so from 0 every score would lie in the top fifth; but a cut axis makes a
  // fall look steeper, so the title says where the axis starts (alliancePanelTitle).
  const floor = allianceFloor(data);
  const y = { field: "alliance", type: "quantitative" as const };
  return {
    width: SIZE.plotWidth,
    height: SIZE.alliance,
    title: {
      text: alliancePanelTitle(data, text, floor),
      fontSize: TYPE.panel,
      offset: 8,
    },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        scale: x,
        axis: {
          values: ticks,
          labelExpr: labelLookup(
            datedMarks(data).map((p) => p.x),
            datedMarks(data).map((p) => p.label),
          ),
          labelFlush: FLUSH,
          title: null,
          grid: true,
        },
      },
      y: {
        type: "quantitative",
        scale: { domain: [floor, data.allianceMax], nice: false },
        axis: {
          // The ends and the line, as a measure's panel: a step of 10 between them ("30" under "36")
          // would crowd so short a panel.
          values: withValue(
            [floor, data.allianceMax],
            data.allianceLine,
            SIZE.alliance / (data.allianceMax - floor),
          ),
          title: null,
        },
      },
    },
    layer: [
      ...boundaryLayers(data, text, null),
      // The line's value is on the axis and its meaning in the panel's title: a label inside so
      // short a panel would cover the scores.
      panelLine(data, data.allianceLine),
      {
        data: { values: values.map((p) => ({ x: p.x, alliance: p.alliance, episode: p.episode })) },
        layer: [
          {
            mark: { type: "line", color: COLOUR.alliance, strokeWidth: 2.5 },
            encoding: { y, detail: { field: "episode" } },
          },
          {
            mark: {
              type: "point",
              shape: SHAPE.alliance,
              filled: true,
              size: 90,
              color: COLOUR.alliance,
              opacity: 1,
            },
            encoding: { y },
          },
          lastValueLabel(
            lastAlliance(values),
            "alliance",
            data.allianceLine,
            floor,
            SIZE.alliance / (data.allianceMax - floor),
          ),
        ],
      },
    ],
  };
}

/**
 * The alliance axis's lowest value: a step of 10 below the lowest score and the line's
 * neighbourhood; or, when every score lies within 3 of the line or above it (a steady 35), 4 below
 * the line, so that one point under it stands clear of it (8 pixels in the client's chart, not 3).
 */
export function allianceFloor(data: ChartData): number {
  const scores = data.points.flatMap((p) => (p.alliance === null ? [] : [p.alliance]));
  const near = data.allianceLine - NEAR_LINE;
  if (scores.length > 0 && Math.min(...scores) > near) return Math.max(0, near);
  const low = Math.min(data.allianceLine - 6, ...scores);
  return Math.max(0, Math.floor((low - 1) / 10) * 10);
}
const NEAR_LINE = 4;

/** "Alliance (0 to 40)…", or, on an axis that starts above 0, "Alliance (of 40; axis from 20, not 0)…". */
function alliancePanelTitle(data: ChartData, text: ChartText, floor: number): string {
  const vars = { max: data.allianceMax, threshold: data.allianceLine };
  return floor > 0 ? text("chart_axis_alliance_from", { ...vars, floor }) : text("chart_axis_alliance", vars);
}

function lastAlliance(points: readonly ChartPoint[]): { x: number; value: number } | undefined {
  const last = points.at(-1);
  return last && { x: last.x, value: last.alliance ?? 0 };
}
