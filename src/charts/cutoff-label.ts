import type { ChartData, ChartPoint } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";
import { COLOUR, DASH, type LayerPart, SHAPE, TYPE } from "./chart-style.js";
import { riskMarks } from "./checkin-marks.js";
import { boundaryLabel } from "./episode-bounds.js";
import type { TextMeasure } from "./font-metrics.js";
import { type Box, GAP, type LabelSpot, labelSpot, type Obstacles, type PlotFrame } from "./label-spot.js";
import { changeStyle, LAST_VALUE_OFFSET, lastValueBelow, leftEdge, rightEdge } from "./progress-layers.js";

/**
 * The cutoff of the progress panel: a dash-dot rule across it, drawn beneath the scores, and its
 * words ("cutoff 25 (adults)") where no line crosses them (label-spot.ts), drawn last, so that when
 * no place is clear they lie over the lines on a white ground instead of being struck through.
 */
export function cutoffRule(data: ChartData): LayerPart {
  return {
    // x: the panel's x field is inherited by every layer, and Vega-Lite drops rows without it.
    data: { values: [{ x: leftEdge(data), cutoff: data.cutoff }] },
    mark: { type: "rule", color: COLOUR.rule, strokeDash: [...DASH.cutoff], strokeWidth: 2 },
    encoding: {
      y: { field: "cutoff", type: "quantitative" },
      x: { datum: leftEdge(data) },
      x2: { datum: rightEdge(data) },
    },
  };
}

interface CutoffLabelOptions {
  /** "short" for a small panel: the number alone, the key says what the line is. */
  words: "full" | "short";
  /** The panel's size of a score's point (progressLayers), a triangle's larger (changeStyle). */
  pointSize: number;
  /** The panel draws the risk marks' rules and the episodes' boundaries and their words. */
  checkinMarks: boolean;
}

export function cutoffLabel(
  data: ChartData,
  text: ChartText,
  measure: TextMeasure,
  frame: Omit<PlotFrame, "xMin" | "xMax">,
  options: CutoffLabelOptions,
): LayerPart[] {
  const fontSize = TYPE.small;
  const label =
    options.words === "short"
      ? String(data.cutoff)
      : text("chart_cutoff", { cutoff: data.cutoff, band: text(`band_${data.band}`) });
  const full: PlotFrame = { ...frame, xMin: leftEdge(data), xMax: rightEdge(data) };
  const spot = labelSpot(
    data.cutoff,
    { width: measure(label, fontSize), height: fontSize },
    obstaclesOf(data, text, measure, full, options),
    full,
  );
  return labelLayers(data, label, spot, full);
}

function labelLayers(data: ChartData, label: string, spot: LabelSpot, frame: PlotFrame): LayerPart[] {
  const xOf = (px: number) => frame.xMin + (px / frame.width) * (frame.xMax - frame.xMin);
  const yOf = (py: number) => frame.yMax - (py / frame.height) * (frame.yMax - frame.yMin);
  const words: LayerPart = {
    data: { values: [{ x: xOf(spot.left), y: data.cutoff, label }] },
    mark: {
      type: "text",
      align: "left",
      baseline: spot.above ? "bottom" : "top",
      dy: spot.above ? -GAP.line : GAP.line,
      fontSize: TYPE.small,
      color: COLOUR.rule,
    },
    encoding: {
      y: { field: "y", type: "quantitative" },
      x: { datum: xOf(spot.left) },
      text: { field: "label" },
    },
  };
  if (spot.clear) return [words];
  const { left, right, top, bottom } = spot.box;
  const ground: LayerPart = {
    data: { values: [{ x: xOf(left) }] },
    mark: { type: "rect", color: "#FFFFFF", opacity: 0.9 },
    encoding: {
      x: { datum: xOf(left - 3) },
      x2: { datum: xOf(right + 3) },
      y: { datum: yOf(top - 1) },
      y2: { datum: yOf(bottom + 1) },
    },
  };
  return [ground, words];
}

/** Everything drawn in the panel that the words should not cross or cover. */
function obstaclesOf(
  data: ChartData,
  text: ChartText,
  measure: TextMeasure,
  frame: PlotFrame,
  options: CutoffLabelOptions,
): Obstacles {
  const series = (value: (p: ChartPoint) => number | null | undefined) =>
    [...new Set(data.points.map((p) => p.episode))].map((episode) =>
      data.points.flatMap((p) => {
        const y = value(p);
        return p.episode !== episode || y === null || y === undefined ? [] : [{ x: p.x, y }];
      }),
    );
  const scored = data.points.flatMap((p) => (p.progress === null ? [] : [{ x: p.x, y: p.progress }]));
  // A symbol of size s is drawn within a square of side √s (Vega), and its white edge half a pixel out.
  const reach = (p: ChartPoint) => Math.sqrt(changeStyle(p.marker, PLAIN, options.pointSize).size) / 2 + 0.5;
  const markers = data.points.flatMap((p) =>
    p.progress === null ? [] : [{ x: p.x, y: p.progress, reach: reach(p) }],
  );
  const px = (x: number) => ((x - frame.xMin) / (frame.xMax - frame.xMin || 1)) * frame.width;
  const py = (y: number) => frame.height - ((y - frame.yMin) / (frame.yMax - frame.yMin || 1)) * frame.height;
  const boxes: Box[] = [];
  const last = scored.at(-1);
  if (last) {
    // The latest score's number (lastValueLabel): bold, centred over or under its point.
    const w = measure(String(last.y), TYPE.label, true);
    const below = lastValueBelow(last.y, data.cutoff, 0);
    const top = below ? py(last.y) + LAST_VALUE_OFFSET : py(last.y) - LAST_VALUE_OFFSET - TYPE.label;
    boxes.push({ left: px(last.x) - w / 2, right: px(last.x) + w / 2, top, bottom: top + TYPE.label });
  }
  if (options.checkinMarks) {
    // "episode 2" (or "after discharge") at the top of the panel, just right of its boundary (checkin-marks.ts).
    for (const b of data.boundaries) {
      const w = measure(boundaryLabel(b, text), TYPE.small);
      boxes.push({ left: px(b.edge) + 5, right: px(b.edge) + 5 + w, top: 4, bottom: 4 + TYPE.small });
    }
  }
  const marked = riskMarks(data).map((p) => p.x);
  return {
    lines: [
      ...series((p) => p.progress),
      ...series((p) => p.trajectory?.expected),
      ...series((p) => p.trajectory?.band),
    ],
    rules: options.checkinMarks ? [...marked, ...data.boundaries.map((b) => b.edge)] : [],
    points: markers,
    boxes,
  };
}

/** A total without a reliable change: only its size is read here. */
const PLAIN = { shape: SHAPE.progress, colour: COLOUR.progress };
