import type { BroughtForward, Store } from "../../src/store/store.js";
import type { Tx } from "../../src/store/tx.js";
import type {
  EpisodeScores,
  ExportRow,
  OutboxRow,
  Recipient,
  SendableRow,
  StoredFit,
} from "../../src/store/types.js";

/**
 * A store that is still opening (PostgreSQL's open is asynchronous) given to code that wants one
 * at once: every call waits for the open and then goes to the opened store, so a Conversation can
 * be made synchronously, as on SQLite, and build its Engine and DeliveryWorker on it. A failed open
 * fails every call with its error.
 */
export class StoreWhenOpen implements Store {
  private opened: Store | undefined;
  private closed = false;
  /** Settles when the store is open (or failed to open). */
  readonly ready: Promise<Store>;

  constructor(opening: Promise<Store>) {
    this.ready = opening.then((store) => {
      this.opened = store;
      return store;
    });
    // Nobody may ask before the test ends (a test that never touches the store): not unhandled.
    this.ready.catch(() => {});
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ready.then((s) => s.transaction(fn));
  }
  ping(): Promise<void> {
    return this.ready.then((s) => s.ping());
  }
  sendableRecipients(channels: readonly string[], now: string, limit: number): Promise<Recipient[]> {
    return this.ready.then((s) => s.sendableRecipients(channels, now, limit));
  }
  nextSendable(recipient: Recipient, now: string): Promise<SendableRow | undefined> {
    return this.ready.then((s) => s.nextSendable(recipient, now));
  }
  markSent(id: number, at: string): Promise<void> {
    return this.ready.then((s) => s.markSent(id, at));
  }
  markSentMany(ids: readonly number[], at: string): Promise<void> {
    return this.ready.then((s) => s.markSentMany(ids, at));
  }
  markRetry(id: number, error: string, nextAttemptAt: string, counts?: boolean): Promise<void> {
    return this.ready.then((s) => s.markRetry(id, error, nextAttemptAt, counts));
  }
  markFailed(id: number, error: string, at: string): Promise<void> {
    return this.ready.then((s) => s.markFailed(id, error, at));
  }
  bringForward(channel: string, now: string, limit?: number): Promise<BroughtForward[]> {
    return this.ready.then((s) => s.bringForward(channel, now, limit));
  }
  nextAttemptAt(channels: readonly string[]): Promise<string | undefined> {
    return this.ready.then((s) => s.nextAttemptAt(channels));
  }
  pending(recipient: Recipient): Promise<OutboxRow[]> {
    return this.ready.then((s) => s.pending(recipient));
  }
  exportAnswers(): Promise<ExportRow[]> {
    return this.ready.then((s) => s.exportAnswers());
  }
  finishedEpisodeScores(): Promise<EpisodeScores[]> {
    return this.ready.then((s) => s.finishedEpisodeScores());
  }
  saveFit(fit: Omit<StoredFit, "id">): Promise<number> {
    return this.ready.then((s) => s.saveFit(fit));
  }

  /** Needs the store open: computed from its key without a query, so it cannot wait. */
  pseudonym(clientId: number): string {
    if (!this.opened) throw new Error("the store is still opening: await a call to it first");
    return this.opened.pseudonym(clientId);
  }

  /** Closes the store once open (at once if it is); a store that failed to open has nothing to close. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ready.then(
      (s) => s.close(),
      () => {},
    );
  }
}
