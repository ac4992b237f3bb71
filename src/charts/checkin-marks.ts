import type { ChartData } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";
import { COLOUR, DASH, type LayerPart, SHAPE, TYPE } from "./chart-style.js";
import { boundaryLabel } from "./episode-bounds.js";

/**
 * Marks on a check-in rather than on a score: where an episode begins, and where the client
 * answered the safety question yes or wrote risk words. They span the panel, so they are drawn
 * behind the scores.
 */
export function boundaryLayers(data: ChartData, text: ChartText, labelAt: number | null): LayerPart[] {
  if (data.boundaries.length === 0) return [];
  const values = data.boundaries.map((b) => ({
    x: b.edge,
    label: boundaryLabel(b, text),
  }));
  const rule: LayerPart = {
    data: { values },
    mark: { type: "rule", color: COLOUR.muted, strokeDash: [...DASH.boundary], strokeWidth: 2 },
    encoding: { x: { field: "x", type: "quantitative" } },
  };
  if (labelAt === null) return [rule];
  return [
    rule,
    {
      data: { values },
      mark: {
        type: "text",
        align: "left",
        baseline: "top",
        dx: 5,
        dy: 4,
        fontSize: TYPE.small,
        color: COLOUR.muted,
      },
      encoding: { x: { field: "x", type: "quantitative" }, y: { datum: labelAt }, text: { field: "label" } },
    },
  ];
}

/** Something marked as risk on the time axis: a check-in or a risk event between check-ins. */
interface RiskMark {
  x: number;
  label: string;
  day: string;
  safety: boolean;
  riskItem: boolean;
  risk: boolean;
}

/**
 * Every risk mark of the chart, in time order: the check-ins with a safety yes, a risk item or risk
 * words, and the risk events outside any check-in (a disclosure between two), each at its own date.
 */
export function riskMarks(data: Pick<ChartData, "points" | "events">): RiskMark[] {
  return [...data.points, ...data.events]
    .filter((p) => p.safety || p.riskItem || p.risk)
    .sort((a, b) => a.x - b.x);
}

/**
 * Safety answers and risk words: a dotted vertical line through the check-in and a marker above the
 * panel, a diamond for a safety yes and a cross for risk words, side by side when both. Offsets are
 * mark properties (a continuous x takes no offset channel), so each shape and offset is a layer.
 */
export function riskLayers(marked: readonly RiskMark[]): LayerPart[] {
  // A measure's risk item answered above its threshold is marked as a safety yes is.
  const yes = (p: RiskMark) => p.safety || p.riskItem;
  if (marked.length === 0) return [];
  const markers = [
    { shape: SHAPE.safety, offset: -10, at: marked.filter((p) => yes(p) && p.risk) },
    { shape: SHAPE.safety, offset: 0, at: marked.filter((p) => yes(p) && !p.risk) },
    { shape: SHAPE.risk, offset: 10, at: marked.filter((p) => p.risk && yes(p)) },
    { shape: SHAPE.risk, offset: 0, at: marked.filter((p) => p.risk && !yes(p)) },
  ].filter((m) => m.at.length > 0);
  return [
    {
      data: { values: marked.map((p) => ({ x: p.x })) },
      mark: { type: "rule", color: COLOUR.risk, strokeDash: [...DASH.risk], strokeWidth: 2 },
    },
    ...markers.map(
      (m): LayerPart => ({
        data: { values: m.at.map((p) => ({ x: p.x })) },
        mark: {
          type: "point",
          shape: m.shape,
          xOffset: m.offset,
          filled: true,
          size: 170,
          color: COLOUR.risk,
          opacity: 1,
        },
        encoding: { y: { value: RISK_ROW } },
      }),
    ),
  ];
}

/** Where the safety and risk markers sit: in a strip above the progress panel, clear of the scores. */
export const RISK_ROW = -14;
