import type { Config, TopLevelSpec } from "vega-lite";

/** A view inside a concatenation (a panel, the key), and one layer of a layered view. */
export type ViewSpec = Extract<TopLevelSpec, { vconcat: unknown }>["vconcat"][number];
export type LayerPart = Extract<ViewSpec, { layer: unknown }>["layer"][number];

/**
 * How the charts look, in one place. Colours are Okabe–Ito (safe for the common colour-vision
 * deficiencies), and every colour is doubled by a shape, a dash pattern or words, so nothing is
 * said by colour alone. Type is large because the picture is read on a phone, scaled to about half.
 */
export const COLOUR = {
  progress: "#0072B2", // blue
  improved: "#009E73", // bluish green
  worse: "#D55E00", // vermillion
  risk: "#D55E00", // vermillion, with its own shapes
  alliance: "#000000",
  measure: "#CC79A7", // reddish purple: a measure a clinic added, in a panel of its own
  expected: "#444444",
  band: "#56B4E9", // sky blue, pale as a fill
  rule: "#222222",
  muted: "#555555",
  grid: "#DDDDDD",
} as const;

/** Dash patterns, in pixels: the expected path, the cutoff and the alliance line, the episode boundary. */
export const DASH = {
  expected: [9, 5],
  band: [2, 3],
  cutoff: [14, 4, 3, 4],
  boundary: [4, 4],
  risk: [2, 4],
} as const;

export const FONT = "DejaVu Sans";

export const TYPE = {
  title: 26,
  subtitle: 17,
  panel: 18,
  label: 17,
  key: 15,
  small: 15,
} as const;

/** The whole picture: about 800 × 500 at 1×, wide enough to read on a phone, within the 1,024 pixels Teams takes. */
export const SIZE = {
  width: 800,
  height: 500,
  plotWidth: 740,
  progress: 170,
  alliance: 66,
  measure: 66,
} as const;

/**
 * The client chart's time axis (time-axis.ts): neighbouring check-ins at least a triangle's width
 * apart, so two on adjacent days still show as two, and room before the first and after the last.
 */
export const AXIS = { minGap: 26, pad: 24 } as const;

/** The first and last date labels sit flush with the axis's ends (they are `pad` pixels in). */
export const FLUSH = AXIS.pad + 1;

/** The point shapes: the check-in's reliable change is its shape, and its colour says it again. */
export const SHAPE = {
  progress: "circle",
  improved: "triangle-up",
  worse: "triangle-down",
  alliance: "square",
  safety: "diamond",
  risk: "cross",
} as const;

export const CONFIG: Config = {
  font: FONT,
  background: "#FFFFFF",
  padding: { left: 8, right: 16, top: 10, bottom: 8 },
  // No ARIA attributes in the SVG: the alt text is written separately, and the attributes would
  // otherwise repeat every data value into the file.
  aria: false,
  view: { stroke: null },
  axis: {
    labelFontSize: TYPE.label,
    labelColor: COLOUR.rule,
    titleFontSize: TYPE.label,
    gridColor: COLOUR.grid,
    domainColor: COLOUR.muted,
    tickColor: COLOUR.muted,
  },
  title: {
    fontSize: TYPE.title,
    subtitleFontSize: TYPE.subtitle,
    subtitleColor: COLOUR.muted,
    anchor: "start",
    color: "#000000",
  },
  concat: { spacing: 14 },
};

/**
 * Axis values with one more (the cutoff, the alliance line), so its line meets a number; a round
 * value too close to it for two labels (less than a label's height apart) gives way.
 */
export function withValue(values: readonly number[], extra: number, pixelsPerUnit: number): number[] {
  const room = (TYPE.label + 2) / pixelsPerUnit;
  return [...values.filter((v) => Math.abs(v - extra) >= room), extra].sort((a, b) => a - b);
}

export function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
