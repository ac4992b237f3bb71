/**
 * A recipient's pending rows in the order they go (priority, highest first, then id), cut
 * before the first that waits for a retry. A row is held back only by an earlier pending row of
 * the same or a higher priority, and every such row sorts ahead of it: so each row of this
 * prefix is the one the outbox's one-at-a-time read would give once those before it are sent.
 * The first row that is not due ends the run, since rows behind it may be waiting for it.
 */
export function dueRun<T>(sorted: readonly T[], now: string, nextAttemptAt: (row: T) => string): T[] {
  const run: T[] = [];
  for (const row of sorted) {
    if (nextAttemptAt(row) > now) break;
    run.push(row);
  }
  return run;
}
