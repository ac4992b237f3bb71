import type { ChartPoint } from "./chart-data.js";
import type { ChartRiskMark } from "./risk-events.js";

/** Where the chart's episodes begin among the check-ins and risk events it shows. Pure. */

export interface EpisodeStart {
  number: number;
  /** x of its first shown check-in or risk event. */
  x: number;
  /** x of its boundary: halfway between the episode's first check-in and the one before. */
  edge: number;
  day: string;
}

/** Where an episode begins inside the check-ins and risk events shown, after the first of them. */
export function episodeStarts(
  points: readonly ChartPoint[],
  events: readonly ChartRiskMark[] = [],
): EpisodeStart[] {
  const marks = [...points, ...events].sort((a, b) => a.x - b.x);
  return marks.flatMap((p, i) => {
    const before = marks[i - 1];
    return before && p.episode !== before.episode
      ? [{ number: p.episode, x: p.x, edge: (before.x + p.x) / 2, day: p.day }]
      : [];
  });
}
