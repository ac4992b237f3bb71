import { COLOUR, DASH, SHAPE, TYPE, type ViewSpec } from "./chart-style.js";
import type { TextMeasure } from "./font-metrics.js";

/**
 * The chart's key, drawn as marks at fixed pixel positions rather than as Vega-Lite legends: one
 * key for points, lines and a shaded band together, always the same entries in the same places,
 * so a therapist learns it once. Each entry is a symbol and its words.
 */
type KeySymbol =
  | { kind: "point"; shape: string; colour: string; filled: boolean }
  | { kind: "line"; colour: string; dash: readonly number[]; width: number }
  | { kind: "area"; colour: string };

export interface KeyEntry {
  symbol: KeySymbol;
  text: string;
}

const ROW = 26;
const SYMBOL = 26;
/** Between the symbol and its words, and between one entry and the next. */
const INNER = 8;
const GAP = 26;

/** Entries flow left to right at their measured widths, onto a new row when the next would not fit. */
export function keySpec(entries: readonly KeyEntry[], width: number, measure: TextMeasure): ViewSpec {
  let px = 0;
  let row = 0;
  const placed = entries.map((e) => {
    const w = SYMBOL + INNER + measure(e.text, TYPE.key);
    if (px > 0 && px + w > width) {
      px = 0;
      row++;
    }
    const at = { ...e, px, py: row * ROW + ROW / 2 };
    px += w + GAP;
    return at;
  });
  const rows = row + 1;
  const pixel = { type: "quantitative", scale: null } as const;
  const points = placed.flatMap((e) =>
    e.symbol.kind === "point"
      ? [
          {
            px: e.px + SYMBOL / 2,
            py: e.py,
            shape: e.symbol.shape,
            colour: e.symbol.colour,
            filled: e.symbol.filled,
          },
        ]
      : [],
  );
  const lines = placed.flatMap((e) =>
    e.symbol.kind === "line"
      ? [
          {
            px: e.px,
            px2: e.px + SYMBOL,
            py: e.py,
            colour: e.symbol.colour,
            dash: e.symbol.dash,
            width: e.symbol.width,
          },
        ]
      : [],
  );
  const areas = placed.flatMap((e) =>
    e.symbol.kind === "area"
      ? [{ px: e.px, px2: e.px + SYMBOL, py: e.py - 8, py2: e.py + 8, colour: e.symbol.colour }]
      : [],
  );
  return {
    width,
    height: rows * ROW,
    layer: [
      {
        data: { values: areas },
        mark: { type: "rect", opacity: 0.35, stroke: COLOUR.band, strokeDash: [...DASH.band] },
        encoding: {
          x: { field: "px", ...pixel },
          x2: { field: "px2" },
          y: { field: "py", ...pixel },
          y2: { field: "py2" },
          fill: { field: "colour", type: "nominal", scale: null },
        },
      },
      ...lines.map((l) => ({
        data: { values: [l] },
        mark: { type: "rule" as const, strokeDash: [...l.dash], strokeWidth: l.width, color: l.colour },
        encoding: { x: { field: "px", ...pixel }, x2: { field: "px2" }, y: { field: "py", ...pixel } },
      })),
      {
        data: { values: points },
        mark: { type: "point", size: 150, strokeWidth: 2.5 },
        encoding: {
          x: { field: "px", ...pixel },
          y: { field: "py", ...pixel },
          shape: { field: "shape", type: "nominal", scale: null },
          color: { field: "colour", type: "nominal", scale: null },
          fill: {
            condition: { test: "datum.filled", field: "colour", type: "nominal", scale: null },
            value: "#FFFFFF",
          },
          opacity: { value: 1 },
        },
      },
      {
        data: { values: placed.map((e) => ({ px: e.px + SYMBOL + INNER, py: e.py, text: e.text })) },
        mark: { type: "text", align: "left", baseline: "middle", fontSize: TYPE.key, color: COLOUR.rule },
        encoding: { x: { field: "px", ...pixel }, y: { field: "py", ...pixel }, text: { field: "text" } },
      },
    ],
  };
}

export const SYMBOLS = {
  progress: { kind: "point", shape: SHAPE.progress, colour: COLOUR.progress, filled: true },
  improved: { kind: "point", shape: SHAPE.improved, colour: COLOUR.improved, filled: true },
  worse: { kind: "point", shape: SHAPE.worse, colour: COLOUR.worse, filled: true },
  safety: { kind: "point", shape: SHAPE.safety, colour: COLOUR.risk, filled: true },
  risk: { kind: "point", shape: SHAPE.risk, colour: COLOUR.risk, filled: true },
  expected: { kind: "line", colour: COLOUR.expected, dash: DASH.expected, width: 2.5 },
  band: { kind: "area", colour: COLOUR.band },
} as const satisfies Record<string, KeySymbol>;
