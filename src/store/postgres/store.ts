import type pg from "pg";
import { RapportError } from "../../errors.js";
import { ErasureCheckpoints } from "../common/erasure-checkpoints.js";
import { GroupCommit } from "../common/group-commit.js";
import { SerialQueue } from "../common/serial-queue.js";
import type { FieldCrypto } from "../field-crypto.js";
import type { SchemaChange } from "../schema-change.js";
import type { BroughtForward, OutboxQueue, ResearchReads, Store } from "../store.js";
import type { Tx } from "../tx.js";
import type { EpisodeScores, ExportRow, OutboxRow, Recipient, SendableRow, StoredFit } from "../types.js";
import { pgAdmin } from "./admin.js";
import { batchTransaction } from "./batch.js";
import { pgCheckins } from "./checkins.js";
import { pgClients } from "./clients.js";
import { pgContext } from "./context.js";
import { ErasureVacuum } from "./erasure-vacuum.js";
import { liveInstances } from "./instances.js";
import { PG_MIGRATIONS } from "./migrations.js";
import { openDatabase } from "./open.js";
import { pgOutbox } from "./outbox.js";
import { pgOutboxQueue } from "./outbox-queue.js";
import { pgPeople } from "./people.js";
import { CLAIM_LEASE_MS, type PostgresOptions } from "./pool.js";
import { pgPrivacy } from "./privacy.js";
import { pgReports, pgResearch } from "./reports.js";
import { pgRisk } from "./risk.js";
import { pgRules } from "./rules.js";
import { pgSchedule } from "./schedule.js";

/**
 * The store on PostgreSQL (RAPPORT_DATABASE_URL), held to the same contract as SQLite's
 * (test/store/contract.ts). A pool of connections; an event's transaction runs like SQLite's, one
 * batch at a time in this process with a savepoint per event (group commit), and one at a time
 * across the instances sharing the database (EVENTS_LOCK), so the engine sees the same order;
 * the delivery worker's reads and marks go to the pool beside it, and the rows it sends are
 * claimed for this instance (outbox-queue.ts).
 */
export class PostgresStore implements Store {
  private readonly queue = new SerialQueue();
  private readonly batches: GroupCommit<Tx>;
  /** The connection of the batch being committed. */
  private current: pg.PoolClient | undefined;
  private closed = false;
  private ending: Promise<void> = Promise.resolve();
  private readonly tx: Tx;
  /** The migration opening ran (from an earlier schema to the latest); null: none. */
  migrated: SchemaChange | null = null;
  private readonly outbox: OutboxQueue;
  private readonly research: ResearchReads;
  private readonly erasures: ErasureCheckpoints;
  private readonly vacuum: ErasureVacuum;

  private constructor(
    private readonly pool: pg.Pool,
    crypto: FieldCrypto,
    /** This instance's id, which its claims on outbox rows carry. */
    readonly instance: string,
    claimLeaseMs: number,
    /** How many values opening re-sealed (a first or a new key); null: none needed. */
    readonly resealed: number | null,
    vacuumAfterErasure: boolean,
  ) {
    this.vacuum = new ErasureVacuum(pool, vacuumAfterErasure);
    this.erasures = new ErasureCheckpoints(() => this.vacuum.request());
    const inTransaction = pgContext(
      () => {
        if (!this.current) throw new RapportError("a store Tx was used outside its transaction", "db_state");
        return this.current;
      },
      crypto,
      this.erasures,
    );
    this.tx = {
      ...pgPeople(inTransaction),
      ...pgClients(inTransaction),
      ...pgCheckins(inTransaction),
      ...pgRules(inTransaction),
      ...pgSchedule(inTransaction),
      ...pgRisk(inTransaction),
      ...pgOutbox(inTransaction),
      ...pgPrivacy(inTransaction),
      ...pgReports(inTransaction),
      ...pgAdmin(inTransaction),
    };
    const onPool = pgContext(() => this.pool, crypto, this.erasures);
    this.outbox = pgOutboxQueue(onPool, { instance, leaseMs: claimLeaseMs });
    this.research = pgResearch(onPool);
    this.batches = new GroupCommit(this.queue, this.tx, this.erasures, () => {
      if (this.closed) throw closedError();
      return batchTransaction(this.pool, (client) => {
        this.current = client;
      });
    });
  }

  /**
   * Connects, migrates to the latest schema under an advisory lock and brings the sealed values
   * to the given keys (open.ts).
   */
  static async open(
    url: string,
    now: Date = new Date(),
    options: PostgresOptions = {},
  ): Promise<PostgresStore> {
    const opened = await openDatabase(url, now, options);
    const store = new PostgresStore(
      opened.pool,
      opened.crypto,
      opened.instance,
      options.claimLeaseMs ?? CLAIM_LEASE_MS,
      opened.resealed,
      options.vacuumAfterErasure !== false,
    );
    store.migrated = opened.migrated;
    return store;
  }

  /**
   * Runs `fn` in a transaction, committed with the others asked for meanwhile (group commit,
   * common/group-commit.ts) under the events lock; each caller is answered after the COMMIT.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    return this.batches.run(fn);
  }

  sendableRecipients(channels: readonly string[], now: string, limit: number): Promise<Recipient[]> {
    return this.open(() => this.outbox.sendableRecipients(channels, now, limit));
  }
  nextSendable(recipient: Recipient, now: string): Promise<SendableRow | undefined> {
    return this.open(() => this.outbox.nextSendable(recipient, now));
  }
  markSentMany(ids: readonly number[], at: string): Promise<void> {
    return this.open(() => this.outbox.markSentMany(ids, at));
  }
  markSent(id: number, at: string): Promise<void> {
    return this.open(() => this.outbox.markSent(id, at));
  }
  markRetry(id: number, error: string, nextAttemptAt: string, counts = true): Promise<void> {
    return this.open(() => this.outbox.markRetry(id, error, nextAttemptAt, counts));
  }
  markFailed(id: number, error: string, at: string): Promise<void> {
    return this.open(() => this.outbox.markFailed(id, error, at));
  }
  bringForward(channel: string, now: string, limit?: number): Promise<BroughtForward[]> {
    return this.open(() => this.outbox.bringForward(channel, now, limit));
  }
  nextAttemptAt(channels: readonly string[]): Promise<string | undefined> {
    return this.open(() => this.outbox.nextAttemptAt(channels));
  }
  pending(recipient: Recipient): Promise<OutboxRow[]> {
    return this.open(() => this.outbox.pending(recipient));
  }

  exportAnswers(): Promise<ExportRow[]> {
    return this.open(() => this.research.exportAnswers());
  }
  finishedEpisodeScores(): Promise<EpisodeScores[]> {
    return this.open(() => this.research.finishedEpisodeScores());
  }
  saveFit(fit: Omit<StoredFit, "id">): Promise<number> {
    return this.open(() => this.research.saveFit(fit));
  }
  /** Computed from a key held in memory: no query. */
  pseudonym(clientId: number): string {
    return this.research.pseudonym(clientId);
  }

  /** The latest schema version applied (`rapport migrate`). */
  async schemaVersion(): Promise<number> {
    const row = await this.open(() =>
      this.pool.query<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations"),
    );
    return row.rows[0]?.v ?? 0;
  }

  /**
   * The serving instances connected to this database now, at least 1 (instances.ts). Fails with
   * db_version when another instance has meanwhile migrated the database beyond this rapport.
   */
  liveInstances(): Promise<number> {
    return this.open(() => liveInstances(this.pool, PG_MIGRATIONS.at(-1)?.version ?? 0));
  }

  async ping(): Promise<void> {
    await this.open(() => this.pool.query("SELECT 1"));
  }

  /**
   * Gives back the claims of this instance on rows still pending, for a server that stops once its
   * delivery worker has (every send it began is then marked): rows it took but did not send, held
   * by a rate limit or taken as it stopped, go out from another instance at once, not after the
   * lease. Returns how many. An instance that dies does not get here; its claims run out.
   */
  async releaseClaims(): Promise<number> {
    const released = await this.open(() =>
      this.pool.query(
        "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $1 AND status = 'pending'",
        [this.instance],
      ),
    );
    return released.rowCount ?? 0;
  }

  /** Resolves once the rewrite after an erasure, if any, has finished. */
  vacuumed(): Promise<void> {
    return this.vacuum.idle();
  }

  /**
   * Ends the pool; work asked for afterwards is refused. The connections close in the background,
   * once a rewrite after an erasure that is under way has finished.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ending = this.vacuum
      .finish()
      .then(() => this.pool.end())
      .catch(ignore);
  }

  /** Resolves once a closed store's connections have all ended (at once while it is open). */
  ended(): Promise<void> {
    return this.ending;
  }

  private open<T>(work: () => Promise<T>): Promise<T> {
    return this.closed ? Promise.reject(closedError()) : work();
  }
}

function ignore(): void {}

function closedError(): RapportError {
  return new RapportError("the store is closed", "db_closed");
}
