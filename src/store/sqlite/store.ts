import type Database from "better-sqlite3";
import { ErasureCheckpoints } from "../common/erasure-checkpoints.js";
import { type BatchTransaction, GroupCommit } from "../common/group-commit.js";
import { SerialQueue } from "../common/serial-queue.js";
import type { FieldCrypto } from "../field-crypto.js";
import type { SchemaChange } from "../schema-change.js";
import type { BroughtForward, OutboxQueue, ResearchReads, Store } from "../store.js";
import type { Tx } from "../tx.js";
import type { EpisodeScores, ExportRow, OutboxRow, Recipient, SendableRow, StoredFit } from "../types.js";
import { sqliteAdmin } from "./admin.js";
import { sqliteCheckins } from "./checkins.js";
import { sqliteClients } from "./clients.js";
import type { SqlContext } from "./context.js";
import type { DbLock } from "./db-lock.js";
import { type OpenOptions, openDatabase } from "./open.js";
import { sqliteOutbox, sqliteOutboxQueue } from "./outbox.js";
import { sqlitePeople } from "./people.js";
import { sqlitePrivacy } from "./privacy.js";
import { sqliteReports, sqliteResearch } from "./reports.js";
import { sqliteRisk } from "./risk.js";
import { sqliteRules } from "./rules.js";
import { sqliteSchedule } from "./schedule.js";

export { widePermissions } from "./open.js";

/**
 * The embedded default: one SQLite file in WAL mode, foreign keys on. One connection, so the
 * store runs one piece of work at a time on its queue: an event's transaction, or one of the
 * delivery worker's outbox reads and marks. Each aggregate's SQL is in its own file beside this.
 */
export class SqliteStore implements Store {
  private readonly queue = new SerialQueue();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly batches: GroupCommit<Tx>;
  private readonly wal: ErasureCheckpoints;
  private readonly tx: Tx;
  /** The migration opening ran (from an earlier schema to the latest); null: none. */
  migrated: SchemaChange | null = null;
  private readonly outbox: OutboxQueue;
  private readonly research: ResearchReads;

  private constructor(
    private readonly db: Database.Database,
    crypto: FieldCrypto,
    private readonly lock: DbLock | undefined,
    /** How many values opening re-sealed (a new key, or values in an earlier form); null: none needed. */
    readonly resealed: number | null,
  ) {
    this.wal = new ErasureCheckpoints(() => this.db.pragma("wal_checkpoint(TRUNCATE)"));
    const context: SqlContext = { s: (sql) => this.stmt(sql), c: crypto, db, wal: this.wal };
    this.tx = {
      ...sqlitePeople(context),
      ...sqliteClients(context),
      ...sqliteCheckins(context),
      ...sqliteRules(context),
      ...sqliteSchedule(context),
      ...sqliteRisk(context),
      ...sqliteOutbox(context),
      ...sqlitePrivacy(context),
      ...sqliteReports(context),
      ...sqliteAdmin(context),
    };
    this.outbox = sqliteOutboxQueue(context);
    this.research = sqliteResearch(context);
    // Prepared once: BEGIN and COMMIT run for every batch, SAVEPOINT and RELEASE for every event.
    const batch: BatchTransaction = {
      begin: () => void this.stmt("BEGIN IMMEDIATE").run(),
      savepoint: () => void this.stmt("SAVEPOINT event").run(),
      release: () => void this.stmt("RELEASE event").run(),
      rollbackToSavepoint: () => {
        this.stmt("ROLLBACK TO event").run();
        this.stmt("RELEASE event").run();
      },
      commit: () => void this.stmt("COMMIT").run(),
      stillOpen: () => this.db.inTransaction,
      abandon: () => {
        if (this.db.open && this.db.inTransaction) this.db.exec("ROLLBACK");
      },
      finish: () => {},
    };
    this.batches = new GroupCommit(this.queue, this.tx, this.wal, () => batch);
  }

  /**
   * Opens (creating the folder and file if needed), migrates to the latest schema, and brings the
   * sealed fields to the configured key: re-sealed at once when a key is new or the values are
   * in an earlier form, or refused when the database is sealed with a key that is not given.
   * `hold` takes the database's lock for a long-running process (`serve`).
   */
  static open(path: string, now: Date = new Date(), options: OpenOptions = {}): SqliteStore {
    const opened = openDatabase(path, now, options);
    const store = new SqliteStore(opened.db, opened.crypto, opened.lock, opened.resealed);
    store.migrated = opened.migrated;
    return store;
  }

  /** The raw connection, for tests and tools that inspect the file. */
  get connection(): Database.Database {
    return this.db;
  }

  /**
   * Runs `fn` in a transaction, committed with the others asked for meanwhile (group commit,
   * common/group-commit.ts): each caller is answered only after the batch's COMMIT. One COMMIT
   * writes each touched page to the log once for the batch, not once per event.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.batches.run(fn);
  }

  sendableRecipients(channels: readonly string[], now: string, limit: number): Promise<Recipient[]> {
    return this.queue.run(() => this.outbox.sendableRecipients(channels, now, limit));
  }
  nextSendable(recipient: Recipient, now: string): Promise<SendableRow | undefined> {
    return this.queue.run(() => this.outbox.nextSendable(recipient, now));
  }
  markSentMany(ids: readonly number[], at: string): Promise<void> {
    return this.queue.run(() => this.outbox.markSentMany(ids, at));
  }
  markSent(id: number, at: string): Promise<void> {
    return this.queue.run(() => this.outbox.markSent(id, at));
  }
  markRetry(id: number, error: string, nextAttemptAt: string, counts = true): Promise<void> {
    return this.queue.run(() => this.outbox.markRetry(id, error, nextAttemptAt, counts));
  }
  markFailed(id: number, error: string, at: string): Promise<void> {
    return this.queue.run(() => this.outbox.markFailed(id, error, at));
  }
  bringForward(channel: string, now: string, limit?: number): Promise<BroughtForward[]> {
    return this.queue.run(() => this.outbox.bringForward(channel, now, limit));
  }
  nextAttemptAt(channels: readonly string[]): Promise<string | undefined> {
    return this.queue.run(() => this.outbox.nextAttemptAt(channels));
  }
  pending(recipient: Recipient): Promise<OutboxRow[]> {
    return this.queue.run(() => this.outbox.pending(recipient));
  }

  exportAnswers(): Promise<ExportRow[]> {
    return this.queue.run(() => this.research.exportAnswers());
  }
  finishedEpisodeScores(): Promise<EpisodeScores[]> {
    return this.queue.run(() => this.research.finishedEpisodeScores());
  }
  saveFit(fit: Omit<StoredFit, "id">): Promise<number> {
    return this.queue.run(() => this.research.saveFit(fit));
  }
  /** Computed from a key held in memory: no query, so not on the queue. */
  pseudonym(clientId: number): string {
    return this.research.pseudonym(clientId);
  }

  ping(): Promise<void> {
    return this.queue.run(async () => {
      this.stmt("SELECT 1").get();
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.lock?.release();
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
