import type { ErasureCheckpoints } from "./erasure-checkpoints.js";
import type { SerialQueue } from "./serial-queue.js";

/** At most this many events in one commit, so that one batch stays a short hold on the database. */
const MAX_BATCH = 64;

/**
 * One batch's transaction on a database: its statements, and how its connection is taken and
 * given back. SQLite's are synchronous on its one connection; PostgreSQL's take a pooled one.
 */
export interface BatchTransaction {
  /** BEGIN, with whatever must be held until the COMMIT (a lock). */
  begin(): Promise<void> | void;
  savepoint(): Promise<void> | void;
  release(): Promise<void> | void;
  /** Back to the last savepoint, which is then released. */
  rollbackToSavepoint(): Promise<void> | void;
  commit(): Promise<void> | void;
  /** Whether the transaction is still open after an event failed (SQLite ends it on some I/O errors). */
  stillOpen(): boolean;
  /** After an error outside an event's savepoint: rolls back what is open, gives the connection up. */
  abandon(): Promise<void> | void;
  /** After the COMMIT: gives the connection back. */
  finish(): void;
}

interface Waiting<Tx> {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit, the same on either database. Transactions asked for while another runs are
 * committed together: one BEGIN and one COMMIT for the batch, each in a savepoint of its own, so
 * one that fails rolls back alone and the others commit. Each caller is answered only after the
 * batch's COMMIT: nothing is acknowledged before it is durable, and one COMMIT (one fsync) serves
 * every event in it.
 */
export class GroupCommit<Tx> {
  /** Transactions asked for and not yet begun: the next batch. */
  private waiting: Waiting<Tx>[] = [];

  constructor(
    private readonly queue: SerialQueue,
    private readonly tx: Tx,
    private readonly erasures: ErasureCheckpoints,
    /** The next batch's transaction, not yet begun. */
    private readonly open: () => Promise<BatchTransaction> | BatchTransaction,
  ) {}

  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ fn, resolve, reject } as Waiting<Tx>);
      // Begun after the I/O already read in this turn of the event loop has been handled, so
      // that the events of webhooks arriving together share the commit.
      if (this.waiting.length === 1) setImmediate(() => void this.queue.run(() => this.commitBatch()));
    });
  }

  private async commitBatch(): Promise<void> {
    const batch = this.waiting.splice(0, MAX_BATCH);
    // Those beyond the batch's size go in the next one, queued behind this.
    if (this.waiting.length > 0) void this.queue.run(() => this.commitBatch());
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let t: BatchTransaction | undefined;
    try {
      t = await this.open();
      await t.begin();
      for (const request of batch) {
        await t.savepoint();
        try {
          outcomes.push({ ok: true, value: await request.fn(this.tx) });
          await t.release();
        } catch (error) {
          // An error that ended the whole transaction takes the batch with it: the events
          // before this one were not committed.
          if (!t.stillOpen()) throw error;
          await t.rollbackToSavepoint();
          outcomes.push({ ok: false, value: error });
        }
      }
      await t.commit();
      this.erasures.committed();
    } catch (error) {
      // A closed or broken connection included: every caller hears of it, none waits for ever.
      this.erasures.ended();
      await t?.abandon();
      for (const request of batch) request.reject(error);
      return;
    }
    this.erasures.ended();
    t.finish();
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) request.resolve(outcome.value);
      else request.reject(outcome?.value);
    });
  }
}
