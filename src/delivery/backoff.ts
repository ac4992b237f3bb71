/**
 * Exponential backoff with jitter: the n-th retry waits between three quarters of and the whole
 * base × 4^(n−1), capped. Growing fourfold, a few attempts cover hours (worker-options.ts: eight
 * attempts about six hours) while the first retries still come within seconds; the jitter keeps
 * many failed sends from retrying in lockstep without making the span a lottery.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 4 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling * (0.75 + 0.25 * random()));
}
