/**
 * A warning is sent once per rule and episode, and again only when the situation is worse
 * than at every earlier warning of that rule in the episode. Each rule measures "worse" with
 * its own severity (higher is worse); rules that fire at a fixed point (no change yet, change
 * of plan) have a constant severity and so are sent once.
 */
export function shouldSend(severity: number, earlierSeverities: readonly number[]): boolean {
  if (earlierSeverities.length === 0) return true;
  // Compared in tenths: scores have one decimal.
  return Math.round(severity * 10) > Math.round(Math.max(...earlierSeverities) * 10);
}
