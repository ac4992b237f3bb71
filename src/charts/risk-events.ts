/**
 * Risk events that no charted check-in carries (chart-input.ts reads them from the store): what
 * the chart needs of them, and which of them a chart shows. Pure.
 */

/**
 * A risk event that no charted check-in carries (chart-input.ts): risk words or a safety yes
 * written between check-ins. Marked at its own date, as a check-in's are.
 */
export interface ChartRiskEvent {
  at: string;
  /**
   * 1-based number of the episode whose dates hold it (from its start to its discharge, or still
   * open); null when none does: after a discharge, or before the first episode began.
   */
  episode: number | null;
  /** In no episode, after this episode's discharge (and before any next one began): named so. */
  afterDischarge?: number;
  safety: boolean;
  riskItem: boolean;
  risk: boolean;
}

/** A risk event placed on the time axis, with its date as the axis and the alt text write it. */
export interface ChartRiskMark extends ChartRiskEvent {
  x: number;
  label: string;
  day: string;
}

/**
 * The risk events of the episodes shown: from the first shown check-in's episode on (one before
 * that episode's first check-in included, and one after its discharge), but none before the first
 * check-in shown when older check-ins are left off, as they are.
 */
export function eventsShown(
  events: readonly ChartRiskEvent[],
  shown: readonly { at: string; episode: number }[],
  trimmed: boolean,
): ChartRiskEvent[] {
  const first = shown[0];
  if (!first) return [];
  return events
    .filter(
      (e) =>
        // One after a discharge goes with the episode it follows; one before any episode with the first.
        (e.episode ?? e.afterDischarge ?? 1) >= first.episode &&
        (!trimmed || Date.parse(e.at) >= Date.parse(first.at)),
    )
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
