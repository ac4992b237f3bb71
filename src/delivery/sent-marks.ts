import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Store } from "../store/types.js";

/**
 * Marking rows sent, apart from the worker's pump because it has two rules of its own. Under load
 * many sends finish in one turn of the event loop, so the rows sent in a turn are marked in one
 * write (markSentMany) instead of one each. And a message the platform accepted must never be
 * sent again because that write failed: its id is then kept here as unmarked, the worker does not
 * send a row it holds, and the mark is written again on a later try.
 */
export class SentMarks {
  /** The batch of the current turn: its ids, and the write's outcome once the turn is over. */
  private batch: { ids: number[]; done: Promise<boolean> } | undefined;
  /** Sent, but the write that marks them failed. */
  private readonly unmarked = new Set<number>();

  constructor(
    private readonly store: Pick<Store, "markSentMany">,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * Marks `id` sent in one write with every row marked in the same turn of the event loop. False
   * if the write failed: the rows are then kept as unmarked, to be marked later, never sent again.
   */
  mark(id: number): Promise<boolean> {
    if (!this.batch) {
      const batch: { ids: number[]; done: Promise<boolean> } = { ids: [], done: Promise.resolve(true) };
      batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.batch = undefined;
        try {
          await this.store.markSentMany(batch.ids, this.clock.now().toISOString());
          return true;
        } catch (error) {
          for (const sent of batch.ids) this.unmarked.add(sent);
          this.log.error({ err: error, messages: batch.ids.length }, "sent messages could not be marked");
          return false;
        }
      });
      this.batch = batch;
    }
    this.batch.ids.push(id);
    return this.batch.done;
  }

  /** Whether `id` was sent and only its mark is missing: it must not be sent again. */
  isUnmarked(id: number): boolean {
    return this.unmarked.has(id);
  }

  /** Writes the marks a failed write left; true if none is missing any more. */
  async markUnmarked(): Promise<boolean> {
    if (this.unmarked.size === 0) return true;
    const ids = [...this.unmarked];
    try {
      await this.store.markSentMany(ids, this.clock.now().toISOString());
    } catch {
      return false;
    }
    for (const id of ids) this.unmarked.delete(id);
    return true;
  }
}
