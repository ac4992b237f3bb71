/**
 * Waiting, for tests, the platform fakes and the benches: one way to poll a condition until it
 * holds or time runs out, instead of a deadline loop in every file that waits for something.
 */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface PollOptions {
  /** How long to wait at most (10 seconds unless told). */
  timeoutMs?: number;
  /** How long between two looks (20 ms unless told). */
  intervalMs?: number;
}

/** Looks at `condition` until it holds (true) or `timeoutMs` has passed (false). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, intervalMs = 20 }: PollOptions = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

/**
 * Waits until `condition` holds; fails if it still does not after `timeoutMs`, with the words of
 * `failure` (what the test saw, for finding out why).
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: PollOptions & { failure?: () => string } = {},
): Promise<void> {
  if (await until(condition, options)) return;
  throw new Error(options.failure?.() ?? `condition not met within ${options.timeoutMs ?? 10_000} ms`);
}
