import type { ChartData } from "./chart-data.js";
import type { KeyEntry } from "./chart-key.js";
import type { ChartText } from "./chart-keys.js";
import { allianceFloor } from "./chart-spec.js";
import { COLOUR, SHAPE, TYPE, type ViewSpec, withValue } from "./chart-style.js";
import { panelLine } from "./progress-layers.js";

/**
 * The alliance in a caseload cell (caseload-spec.ts): a short strip under the progress panel of a
 * client listed for the alliance, with its line at 36, the totals as black squares as in the
 * client's own chart. No number beside the latest: a 46-pixel strip has no room for it clear of
 * the line and the next row (the alt text and the digest say the totals). Its axis starts near
 * the lowest score, as the client chart's does, and is labelled only there and at the line, so
 * the cut axis shows where it starts. No title of its own: twelve cells with one would not fit
 * the 1024 pixels Teams takes; the key names the black squares and the line.
 */
const STRIP = { width: 206, height: 46 } as const;
/** Between the progress panel and the strip: they read as one client's. */
export const STRIP_GAP = 6;

/** A layered view's x encoding: the cell's time axis, which the strip shares with the progress panel. */
export type XEncoding = NonNullable<Extract<ViewSpec, { layer: unknown }>["encoding"]>["x"];

export function allianceStrip(data: ChartData, x: XEncoding): ViewSpec {
  const values = data.points.filter((p) => p.alliance !== null);
  const floor = allianceFloor(data);
  const perUnit = STRIP.height / (data.allianceMax - floor);
  const y = { field: "alliance", type: "quantitative" as const };
  return {
    width: STRIP.width,
    height: STRIP.height,
    encoding: {
      x,
      y: {
        type: "quantitative",
        scale: { domain: [floor, data.allianceMax], nice: false },
        // The line's value and the axis's start: two labels are what so short a strip has room for.
        axis: {
          values: withValue([floor], data.allianceLine, perUnit),
          labelFontSize: TYPE.small,
          title: null,
        },
      },
    },
    layer: [
      panelLine(data, data.allianceLine),
      {
        data: { values: values.map((p) => ({ x: p.x, alliance: p.alliance })) },
        layer: [
          { mark: { type: "line", color: COLOUR.alliance, strokeWidth: 2 }, encoding: { y } },
          {
            mark: {
              type: "point",
              shape: SHAPE.alliance,
              filled: true,
              size: 40,
              color: COLOUR.alliance,
              opacity: 1,
            },
            encoding: { y },
          },
        ],
      },
    ],
  };
}

/** The key's entry for the strips: the square and line, and what the line at 36 means. */
export function allianceKeyEntry(data: ChartData, text: ChartText): KeyEntry {
  return {
    symbol: { kind: "point", shape: SHAPE.alliance, colour: COLOUR.alliance, filled: true },
    text: text("chart_key_alliance", { threshold: data.allianceLine }),
  };
}
