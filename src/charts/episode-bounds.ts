import type { ChartPoint } from "./chart-data.js";
import type { ChartText } from "./chart-keys.js";
import type { ChartRiskMark } from "./risk-events.js";

/**
 * Where the chart's episodes begin among the check-ins and risk events it shows, and where a
 * discharge ends one before risk events that came after it, in no episode. Pure.
 */

export interface EpisodeStart {
  /** The episode that begins; with `discharged`, the episode whose discharge the marks after it follow. */
  number: number;
  /** The marks after this boundary came after a discharge and belong to no episode. */
  discharged: boolean;
  /** x of its first shown check-in or risk event. */
  x: number;
  /** x of its boundary: halfway between its first check-in or risk event and the one before. */
  edge: number;
  day: string;
}

type Mark = Pick<ChartPoint, "x" | "day"> & Pick<ChartRiskMark, "episode" | "afterDischarge">;

/** Where an episode (or what came after a discharge) begins inside the marks shown, after the first of them. */
export function episodeStarts(
  points: readonly ChartPoint[],
  events: readonly ChartRiskMark[] = [],
): EpisodeStart[] {
  const marks: Mark[] = [...points, ...events].sort((a, b) => a.x - b.x);
  const part = (m: Mark) =>
    m.episode !== null ? `e${m.episode}` : m.afterDischarge ? `d${m.afterDischarge}` : "before";
  return marks.flatMap((p, i): EpisodeStart[] => {
    const before = marks[i - 1];
    if (!before || part(p) === part(before)) return [];
    const edge = { x: p.x, edge: (before.x + p.x) / 2, day: p.day };
    if (p.episode !== null) return [{ number: p.episode, discharged: false, ...edge }];
    return p.afterDischarge ? [{ number: p.afterDischarge, discharged: true, ...edge }] : [];
  });
}

/** A boundary's words in the picture: "episode 2", or "after discharge". */
export function boundaryLabel(b: EpisodeStart, text: ChartText): string {
  return b.discharged ? text("chart_after_discharge") : text("chart_episode", { number: b.number });
}
