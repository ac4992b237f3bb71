import type { AllianceFall } from "./alliance-slide.js";
import { round1 } from "./scores.js";

/**
 * Alliance rules (CLINICAL.md): a total below 36 is a concern (SRS cutoff, Duncan et al. 2003);
 * a fall of 1 point or more from the previous alliance check-in is a drop (OpenFIT alert rule);
 * any item below 9 is worth asking about (PCOMS practice guidance), shown but not warned.
 * A low early alliance that is talked about openly often rises: the wording says
 * "worth talking about", never "problem".
 */
export interface AllianceThresholds {
  concernBelow: number;
  dropOf: number;
  itemBelow: number;
}

interface AllianceInput {
  total: number;
  items: readonly { item: string; value: number }[];
  /** Earlier alliance totals of the episode, oldest first. */
  earlier: readonly number[];
}

export interface AllianceAssessment {
  total: number;
  previous?: number;
  change?: number;
  concern: boolean;
  /** Set when the total fell by at least the drop threshold since the previous check-in. */
  drop?: { from: number; by: number; belowPeak: number };
  lowItems: { item: string; value: number }[];
  /**
   * While the alliance warning applies, the fall its run is about (alliance-slide.ts): set after
   * repeat control, which knows where the run began, and stored with the assessment.
   */
  fall?: AllianceFall;
  /**
   * While the alliance warning applies and the total is below the concern line: the check-in from
   * which it has been below without a break (alliance-slide.ts, `belowSince`). Set with `fall`.
   */
  belowSince?: number;
}

export function assessAlliance(input: AllianceInput, t: AllianceThresholds): AllianceAssessment {
  const previous = input.earlier.at(-1);
  const change = previous === undefined ? undefined : round1(input.total - previous);
  const fell = change === undefined ? 0 : -change;
  const peak = Math.max(...input.earlier, input.total);
  return {
    total: input.total,
    previous,
    change,
    // "below 36": 35.9 is a concern, 36 is not.
    concern: input.total < t.concernBelow,
    // "1 point or more": a fall of exactly 1.0 counts.
    drop:
      previous !== undefined && fell >= t.dropOf
        ? { from: previous, by: round1(fell), belowPeak: round1(peak - input.total) }
        : undefined,
    lowItems: input.items.filter((i) => i.value < t.itemBelow).map((i) => ({ item: i.item, value: i.value })),
  };
}
