import type { ChangeMarker, ChartData, ChartPoint } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";
import { COLOUR, DASH, type LayerPart, SHAPE, TYPE } from "./chart-style.js";

/**
 * The layers of the progress panel that the client chart and the caseload's small panels share:
 * the expected path with its band, the cutoff, and the totals. Each episode is drawn on its own
 * (`detail`), so a line never joins the end of one episode to the start of the next.
 */

/** "default trajectory" or "clinic trajectory, fitted on N episodes, DATE": the summaries' words. */
export function modelText(data: ChartData, text: ChartText): string {
  if (data.model.fitId === null || data.modelDay === null) return text("model_default");
  return text("model_clinic", { episodes: data.model.episodes ?? 0, date: data.modelDay });
}

export function bandLayers(data: ChartData): LayerPart[] {
  const values = data.points.flatMap((p) =>
    p.trajectory
      ? [{ x: p.x, episode: p.episode, expected: p.trajectory.expected, band: p.trajectory.band }]
      : [],
  );
  if (values.length === 0) return [];
  const expected = { field: "expected", type: "quantitative" } as const;
  const band = { field: "band", type: "quantitative" } as const;
  return [
    {
      data: { values },
      layer: [
        {
          mark: { type: "area", color: COLOUR.band, opacity: 0.3 },
          encoding: { y: band, y2: { field: "expected" }, detail: { field: "episode" } },
        },
        {
          mark: { type: "line", color: COLOUR.band, strokeDash: [...DASH.band], strokeWidth: 2 },
          encoding: { y: band, detail: { field: "episode" } },
        },
        {
          mark: { type: "line", color: COLOUR.expected, strokeDash: [...DASH.expected], strokeWidth: 2.5 },
          encoding: { y: expected, detail: { field: "episode" } },
        },
      ],
    },
  ];
}

/**
 * The latest score's number goes below its point (see lastValueLabel), when it fits between the
 * point and the panel's bottom edge: `pxPerUnit` is the panel's height per score point (unknown:
 * any). Below that edge are the dates of the x axis (under the alliance panel) or the next panel's
 * title, which a number running past it would cover ("19" over "Dec 26").
 */
export function lastValueBelow(
  value: number,
  line: number,
  floor: number,
  pxPerUnit = Number.POSITIVE_INFINITY,
): boolean {
  const room = (value - floor) * pxPerUnit;
  return value < line && value - floor > (line - floor) / 4 && room >= LAST_VALUE_OFFSET + TYPE.label + 2;
}

/** How far the latest score's number sits from its point, in pixels. */
export const LAST_VALUE_OFFSET = 12;

/**
 * The latest score written beside its point: the number a therapist looks for first. Above the
 * point, or below it when the point is under the panel's line (the cutoff, 36) and well above the
 * panel's floor, so the number does not sit on the line.
 */
export function lastValueLabel(
  last: { x: number; value: number } | undefined,
  field: string,
  line: number,
  floor: number,
  pxPerUnit?: number,
): LayerPart {
  const below = last !== undefined && lastValueBelow(last.value, line, floor, pxPerUnit);
  return {
    transform: [{ filter: `datum.x == ${last?.x ?? 0}` }],
    mark: {
      type: "text",
      align: "center",
      baseline: below ? "top" : "bottom",
      dy: below ? LAST_VALUE_OFFSET : -LAST_VALUE_OFFSET,
      fontSize: TYPE.label,
      fontWeight: "bold",
    },
    encoding: { y: { field, type: "quantitative" }, text: { field } },
  };
}

/**
 * A short panel's line across it (the alliance's 36, a measure's caseness cutoff), dashed as the
 * cutoff is. x: the panel's x field is inherited (see cutoffLayers).
 */
export function panelLine(data: ChartData, y: number): LayerPart {
  return {
    data: { values: [{ x: leftEdge(data), y }] },
    mark: { type: "rule", color: COLOUR.rule, strokeDash: [...DASH.cutoff], strokeWidth: 2 },
    encoding: {
      y: { field: "y", type: "quantitative" },
      x: { datum: leftEdge(data) },
      x2: { datum: rightEdge(data) },
    },
  };
}

/** The ends of the x domain, which leave a little room before the first check-in and after the last. */
export function leftEdge(data: ChartData): number {
  return data.xDomain[0];
}

export function rightEdge(data: ChartData): number {
  return data.xDomain[1];
}

/** The size of a total's point in the client's chart (a symbol's area, as Vega takes it). */
export const POINT_SIZE = 110;

/** The totals: a solid line per episode, each point shaped and coloured by its reliable change. */
export function progressLayers(data: ChartData, pointSize = POINT_SIZE): LayerPart[] {
  const values = data.points.filter((p) => p.progress !== null).map(pointOf);
  if (values.length === 0) return [];
  const y = { field: "progress", type: "quantitative" } as const;
  const last = values.at(-1);
  return [
    {
      data: { values },
      layer: [
        {
          mark: { type: "line", color: COLOUR.progress, strokeWidth: 3 },
          encoding: { y, detail: { field: "episode" } },
        },
        styledPoints(y),
        lastValueLabel(last && { x: last.x, value: last.progress ?? 0 }, "progress", data.cutoff, 0),
      ],
    },
  ];

  function pointOf(p: ChartPoint) {
    const style = changeStyle(p.marker, { shape: SHAPE.progress, colour: COLOUR.progress }, pointSize);
    return { x: p.x, episode: p.episode, progress: p.progress, ...style };
  }
}

/**
 * A point's shape, colour and size by its reliable change: a triangle up (better) or down (worse)
 * in the key's colours, drawn larger than a circle since its ink sits in a smaller part of its box;
 * else the panel's own point. Progress and each measure's panel mark reliable change so alike.
 */
export function changeStyle(
  marker: ChangeMarker | null,
  plain: { shape: string; colour: string },
  size: number,
): { shape: string; colour: string; size: number } {
  if (marker === "improved") return { shape: SHAPE.improved, colour: COLOUR.improved, size: size * 1.8 };
  if (marker === "deteriorated") return { shape: SHAPE.worse, colour: COLOUR.worse, size: size * 1.8 };
  return { ...plain, size };
}

/** The point layer of a panel whose rows carry their own shape, colour and size (changeStyle). */
export function styledPoints(y: { field: string; type: "quantitative" }): LayerPart {
  return {
    mark: { type: "point", filled: true, opacity: 1, stroke: "#FFFFFF", strokeWidth: 1 },
    encoding: {
      y,
      shape: { field: "shape", type: "nominal", scale: null },
      fill: { field: "colour", type: "nominal", scale: null },
      size: { field: "size", type: "quantitative", scale: null },
    },
  };
}
