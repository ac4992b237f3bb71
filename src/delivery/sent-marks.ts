import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { OutboxRow, Store } from "../store/types.js";

/** What the debug line of a send names: the row's channel and which attempt this was. */
type SendNote = Pick<OutboxRow, "channel" | "attempts">;

/** The rows marked in one turn, their notes, and the write's outcome once the turn is over. */
interface Batch {
  ids: number[];
  notes: (SendNote | undefined)[];
  done: Promise<boolean>;
}

/**
 * Marking rows sent, apart from the worker's pump because it has two rules of its own. Under load
 * many sends finish in one turn of the event loop, so the rows sent in a turn are marked in one
 * write (markSentMany) instead of one each. And a message the platform accepted must never be
 * sent again because that write failed: its id is then kept here as unmarked, the worker does not
 * send a row it holds, and the mark is written again on a later try. Each send's outcome is a debug
 * line here (LOG_LEVEL=debug): ids, channel, attempt and outcome, never the message.
 */
export class SentMarks {
  /** The batch of the current turn: its ids, and the write's outcome once the turn is over. */
  private batch: Batch | undefined;
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
  mark(id: number, note?: SendNote): Promise<boolean> {
    if (!this.batch) {
      const batch: Batch = { ids: [], notes: [], done: Promise.resolve(true) };
      batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.batch = undefined;
        const marked = await this.store.markSentMany(batch.ids, this.clock.now().toISOString()).then(
          () => true,
          (error: unknown) => {
            for (const sent of batch.ids) this.unmarked.add(sent);
            this.log.error({ err: error, messages: batch.ids.length }, "sent messages could not be marked");
            return false;
          },
        );
        const outcome = marked ? "sent" : "sent, mark failed";
        // Checked once a batch: on the hot path, nothing is built for a line that is not written.
        if (this.log.isLevelEnabled("debug"))
          for (const [i, sent] of batch.ids.entries()) this.noteSend(sent, batch.notes[i], outcome);
        return marked;
      });
      this.batch = batch;
    }
    this.batch.ids.push(id);
    this.batch.notes.push(note);
    return this.batch.done;
  }

  /** The debug line of a send that did not go: "retry" (pending again) or "given up". */
  notSent(row: OutboxRow, outcome: "retry" | "given up"): void {
    this.noteSend(row.id, row, outcome);
  }

  private noteSend(id: number, note: SendNote | undefined, outcome: string): void {
    const fields = note ? { channel: note.channel, attempt: note.attempts + 1 } : {};
    this.log.debug({ outbox: id, ...fields, outcome }, "message send");
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
