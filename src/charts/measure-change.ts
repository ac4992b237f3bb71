import { type ChangeCategory, changeCategory } from "../clinical/reliable-change.js";
import type { ChangeMarker, ChartCheckin, ChartMeasure } from "./chart-data.js";

/**
 * Reliable change on a measure the clinic added (the PHQ-9, the GAD-7), check-in by check-in: the
 * same reading as the summary's measure line (src/clinical/measure.ts), against the measure's first
 * total of the episode, by its own reliable-change figure, caseness and direction from its scoring
 * profile (CLINICAL.md, "Standard questionnaires a clinic may add"), so the panel marks what the
 * summary says. Pure.
 */
export interface MeasureChange {
  /** The measure's first total of the episode. */
  first: number;
  category: ChangeCategory;
  marker: ChangeMarker | null;
}

/** For each check-in (oldest first), the change of each measure it holds a total of, by id. */
export function measureChanges(
  sorted: readonly ChartCheckin[],
  measures: readonly ChartMeasure[],
): Record<string, MeasureChange>[] {
  const firsts = new Map<string, number>();
  return sorted.map((c) => {
    const out: Record<string, MeasureChange> = {};
    for (const m of measures) {
      const now = c.measures?.[m.id];
      if (now === undefined) continue;
      const key = `${c.episode}:${m.id}`;
      const first = firsts.get(key) ?? now;
      firsts.set(key, first);
      const category = changeCategory({
        first,
        now,
        reliableChange: m.reliableChange,
        cutoff: m.caseness,
        direction: m.direction,
      });
      out[m.id] = { first, category, marker: markerOf(category) };
    }
    return out;
  });
}

/** Recovered is a reliable improvement too: the marker says the direction, the alt text the category. */
export function markerOf(change: ChangeCategory | null): ChangeMarker | null {
  if (change === "improved" || change === "recovered") return "improved";
  if (change === "deteriorated") return "deteriorated";
  return null;
}
