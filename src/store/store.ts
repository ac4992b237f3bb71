import type { Tx } from "./tx.js";
import type { EpisodeScores, ExportRow, OutboxRow, Recipient, SendableRow, StoredFit } from "./types.js";

/**
 * The store outside any one event's transaction: the outbox's sending side, the whole-database
 * reads of the clinic's tools, and the transaction that gives a Tx (tx.ts). The SQLite one is
 * src/store/sqlite/store.ts; a second store is held to the same contract (test/store/contract.ts).
 */

/**
 * The outbox's sending side, read by the delivery worker outside any event's transaction. It
 * speaks of a message's next attempt, not of "due" (schedules and timed steps are due).
 */
export interface OutboxQueue {
  /** Recipients with a message that may be sent now on these channels, urgent first, then oldest. */
  sendableRecipients(channels: readonly string[], now: string, limit: number): Promise<Recipient[]>;
  /**
   * The recipient's message that may go now, if any: urgent first, otherwise the oldest, and
   * none while an earlier one of the same or higher priority is still pending (a retry waits).
   * `last` says no other message of theirs was pending: the worker need not ask again after it.
   */
  nextSendable(recipient: Recipient, now: string): Promise<SendableRow | undefined>;
  markSent(id: number, at: string): Promise<void>;
  markSentMany(ids: readonly number[], at: string): Promise<void>;
  /** Schedules another attempt; `counts` is false when the platform only asked to wait (a 429). */
  markRetry(id: number, error: string, nextAttemptAt: string, counts?: boolean): Promise<void>;
  markFailed(id: number, error: string, at: string): Promise<void>;
  /**
   * The channel is sending again (or is to be probed): its pending messages that wait for a retry
   * after a failed attempt may go at `now` rather than at the end of their backoff; with `limit`,
   * only that many, those due soonest. Returns each one's id and the next attempt it had, so that
   * the worker can give it back its place if the early try fails. A wait the platform asked for
   * alone (a 429, not counted as an attempt) is left as it is.
   */
  bringForward(channel: string, now: string, limit?: number): Promise<BroughtForward[]>;
  /** The earliest next attempt of a pending message on these channels, if any. */
  nextAttemptAt(channels: readonly string[]): Promise<string | undefined>;
  /**
   * The recipient's pending messages in the order they would be sent (urgent first, then oldest),
   * those waiting for a retry included, without taking or marking any: for tests and status tools.
   */
  pending(recipient: Recipient): Promise<OutboxRow[]>;
}

/** A message made due early (OutboxQueue.bringForward), with the next attempt it had. */
export interface BroughtForward {
  id: number;
  due: string;
}

/** Whole-database reads for `rapport export` and `rapport calibrate`. */
export interface ResearchReads {
  /** Every answer of every completed check-in, for `rapport export`, in check-in order. */
  exportAnswers(): Promise<ExportRow[]>;
  /** Progress totals of every finished (ended) episode, in check-in order. */
  finishedEpisodeScores(): Promise<EpisodeScores[]>;
  saveFit(fit: Omit<StoredFit, "id">): Promise<number>;
  /**
   * A client's pseudonym in exports: stable for one database and key, different for each client,
   * and leading back to no one outside the database (a keyed hash, never the id or the alias).
   * Not a promise: it is computed from a key the store holds once open, without a query.
   */
  pseudonym(clientId: number): string;
}

export interface Store extends OutboxQueue, ResearchReads {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): void;
}
