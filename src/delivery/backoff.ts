/**
 * Exponential backoff with full jitter: the n-th retry waits a random time up to
 * base × 2^(n−1), capped. Jitter keeps many failed sends from retrying in lockstep.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(baseMs / 2, Math.floor(random() * ceiling));
}
