import { type ChangeCategory, changeCategory } from "../clinical/reliable-change.js";
import { type TrajectoryPoint, trajectoryPoint } from "../clinical/trajectory.js";
import type { ChartCheckin, ChartInput, ChartPoint } from "./chart-data.js";
import { markerOf, measureChanges } from "./measure-change.js";

/**
 * The clinical facts of each check-in as the chart shows them: the expected trajectory, reliable
 * change against the episode's first total, the alliance against its line. Derived over the whole
 * history, so a trimmed chart still measures from the true first check-in of the episode. Pure.
 */
type Derived = Omit<ChartPoint, "x" | "days" | "label" | "day">;

export function derive(sorted: readonly ChartCheckin[], input: ChartInput, cutoff: number): Derived[] {
  const firstOf = new Map<number, number>();
  const countOf = new Map<number, number>();
  const changes = measureChanges(sorted, input.measures ?? []);
  return sorted.map((c, i) => {
    let trajectory: TrajectoryPoint | null = null;
    let change: ChangeCategory | null = null;
    if (c.progress !== null) {
      const first = firstOf.get(c.episode) ?? c.progress;
      firstOf.set(c.episode, first);
      const t = (countOf.get(c.episode) ?? 0) + 1;
      countOf.set(c.episode, t);
      trajectory = trajectoryPoint(
        { y1: first, cutoff, t, score: c.progress, max: input.progressMax },
        input.model.params,
        input.settings.trajectory,
      );
      change = changeCategory({
        first,
        now: c.progress,
        reliableChange: input.settings.progressReliableChange,
        cutoff,
        direction: "higher_is_better",
      });
    }
    return {
      at: c.at,
      episode: c.episode,
      progress: c.progress,
      alliance: c.alliance,
      trajectory,
      change,
      marker: markerOf(change),
      allianceBelow: c.alliance !== null && c.alliance < input.settings.alliance.concernBelow,
      safety: c.safety,
      riskItem: c.riskItem ?? false,
      safetyUnanswered: c.safetyUnanswered ?? false,
      risk: c.risk,
      measures: c.measures ?? {},
      measureChanges: changes[i] ?? {},
    };
  });
}
