import type { ChartData, ChartMeasure } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";
import { COLOUR, SHAPE, SIZE, TYPE, type ViewSpec, withValue } from "./chart-style.js";
import { boundaryLayers } from "./checkin-marks.js";
import { changeStyle, lastValueLabel, panelLine, styledPoints } from "./progress-layers.js";

/**
 * A panel for a measure the clinic added (the PHQ-9, the GAD-7), between progress and the alliance
 * on the same date axis: its totals, the whole range from 0 so a change of a few points is not
 * drawn as a cliff, and its caseness cutoff as a dashed line whose meaning, with the measure's
 * direction, is in the panel's title. A reliable change against the measure's first total of the
 * episode, by its own figure (the PHQ-9's 6), is a triangle up or down as on the progress panel.
 */
export function measurePanel(
  data: ChartData,
  m: ChartMeasure,
  text: ChartText,
  x: { domain: number[]; nice: boolean; zero: boolean },
  ticks: number[],
): ViewSpec {
  // Each total shaped by its reliable change, as the progress panel's are (the same key).
  const values = data.points.flatMap((p) => {
    const value = p.measures[m.id];
    if (value === undefined) return [];
    const marker = p.measureChanges[m.id]?.marker ?? null;
    return [{ x: p.x, value, episode: p.episode, ...changeStyle(marker, PLAIN, 90) }];
  });
  const y = { field: "value", type: "quantitative" as const };
  const last = values.at(-1);
  return {
    width: SIZE.plotWidth,
    height: SIZE.measure,
    title: {
      text: text(
        m.direction === "lower_is_better" ? "chart_axis_measure_lower" : "chart_axis_measure_higher",
        {
          name: m.name,
          max: m.max,
          cutoff: m.caseness,
        },
      ),
      fontSize: TYPE.panel,
      offset: 8,
    },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        scale: x,
        axis: { values: ticks, labels: false, ticks: false, domain: false, title: null, grid: true },
      },
      y: {
        type: "quantitative",
        scale: { domain: [0, m.max], nice: false },
        // The ends and the cutoff: steps between them would crowd so short a panel.
        axis: { values: withValue([0, m.max], m.caseness, SIZE.measure / m.max), title: null },
      },
    },
    layer: [
      ...boundaryLayers(data, text, null),
      panelLine(data, m.caseness),
      {
        data: { values },
        layer: [
          {
            mark: { type: "line", color: COLOUR.measure, strokeWidth: 2.5 },
            encoding: { y, detail: { field: "episode" } },
          },
          styledPoints(y),
          lastValueLabel(
            last && { x: last.x, value: last.value },
            "value",
            m.caseness,
            0,
            SIZE.measure / m.max,
          ),
        ],
      },
    ],
  };
}

/** A measure's total without a reliable change. */
const PLAIN = { shape: SHAPE.progress, colour: COLOUR.measure };
