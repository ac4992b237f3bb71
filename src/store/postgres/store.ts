import { randomBytes } from "node:crypto";
import type pg from "pg";
import { RapportError } from "../../errors.js";
import { type FieldCrypto, fieldCrypto } from "../field-crypto.js";
import { planSealing, refuseSealing } from "../sealing.js";
import { ErasureCheckpoints } from "../sqlite/erasure-checkpoints.js";
import { SerialQueue } from "../sqlite/serial-queue.js";
import type { OutboxQueue, ResearchReads, Store } from "../store.js";
import type { Tx } from "../tx.js";
import type { EpisodeScores, ExportRow, OutboxRow, Recipient, SendableRow, StoredFit } from "../types.js";
import { pgAdmin } from "./admin.js";
import { pgCheckins } from "./checkins.js";
import { pgClients } from "./clients.js";
import { pgContext } from "./context.js";
import { ErasureVacuum } from "./erasure-vacuum.js";
import { liveInstances } from "./instances.js";
import { MIGRATION_LOCK, migrate, readSealing, schemaVersion } from "./migrate.js";
import { PG_MIGRATIONS } from "./migrations.js";
import { pgOutbox } from "./outbox.js";
import { pgOutboxQueue } from "./outbox-queue.js";
import { pgPeople } from "./people.js";
import { CLAIM_LEASE_MS, openPool, type PostgresOptions } from "./pool.js";
import { pgPrivacy } from "./privacy.js";
import { pgReports, pgResearch } from "./reports.js";
import { resealDatabase } from "./reseal.js";
import { pgRisk } from "./risk.js";
import { pgRules } from "./rules.js";
import { pgSchedule } from "./schedule.js";

/** At most this many events in one commit. */
const MAX_BATCH = 64;

/**
 * The advisory lock every transaction of the store takes first (pg_advisory_xact_lock, released
 * at its COMMIT or ROLLBACK): events, timed-step passes, settles and commands run one at a time
 * across every instance on the database, as SQLite's single writer runs them. The engine reads
 * and then writes (an update id not seen yet, no check-in open, a check-in's seq, a due job
 * not done yet) and relies on nothing changing in between; under this lock nothing does, so it
 * needs no change. Group commit (a batch of events in one transaction) takes the lock once per
 * batch, which keeps its cost down. A lock per person was weighed: a batch holds events of
 * several people, and timed steps and the digest span many, so it would need the locks taken in
 * one order or deadlocks retried, for a gain in parallel writes the engine's load does not need.
 * With one writer at a time, outbox ids also follow commit order, so a recipient's rows are
 * sent in the order their events committed.
 */
export const EVENTS_LOCK = 0x7261_7070_6576_7473n; // "rappevts"

interface Waiting {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

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
  private waiting: Waiting[] = [];
  /** The connection of the batch being committed. */
  private current: pg.PoolClient | undefined;
  private closed = false;
  private ending: Promise<void> = Promise.resolve();
  private readonly tx: Tx;
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
  }

  /**
   * Connects, migrates to the latest schema under an advisory lock (instances starting together
   * take turns), and reads or writes the sealing row under the same lock; re-seals under it when
   * given a first or a new key (refused while another server is running). A database sealed with
   * another key is refused.
   */
  static async open(
    url: string,
    now: Date = new Date(),
    options: PostgresOptions = {},
  ): Promise<PostgresStore> {
    const keys = options.keys ?? [];
    const instance = options.instance ?? randomBytes(6).toString("hex");
    const pool = openPool(url, options, instance);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      await pool.end();
      throw new RapportError(
        `RAPPORT_DATABASE_URL: cannot connect to PostgreSQL: ${(cause as Error).message}`,
        "db_open",
        { cause },
      );
    }
    client.on("error", ignore);
    let broken = false;
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK.toString()]);
      try {
        await migrate(client, now.toISOString());
        const latest = PG_MIGRATIONS.at(-1)?.version ?? 0;
        if ((await schemaVersion(client)) > latest) {
          throw new RapportError(
            `RAPPORT_DATABASE_URL: the database has a schema newer than this rapport knows (${latest}); upgrade rapport`,
            "db_version",
          );
        }
        const state = await readSealing(client, keys);
        const plan = planSealing(state, keys);
        if (plan.kind === "refuse") refuseSealing(plan.message);
        const crypto = fieldCrypto(keys, state.secret);
        // Under the migration lock: an instance starting meanwhile waits for the re-seal.
        const resealed = plan.kind === "reseal" ? await resealDatabase(client, state, keys, crypto) : null;
        return new PostgresStore(
          pool,
          crypto,
          instance,
          options.claimLeaseMs ?? CLAIM_LEASE_MS,
          resealed,
          options.vacuumAfterErasure !== false,
        );
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK.toString()]);
      }
    } catch (error) {
      broken = true;
      client.off("error", ignore);
      client.release(true);
      await pool.end();
      throw error;
    } finally {
      if (!broken) {
        client.off("error", ignore);
        client.release();
      }
    }
  }

  /**
   * Runs `fn` in a transaction. Transactions asked for while another runs are committed together:
   * one BEGIN and one COMMIT for the batch, each in a savepoint of its own, so one that fails
   * rolls back alone and the others commit. Each caller is answered only after the COMMIT.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ fn, resolve, reject } as Waiting);
      if (this.waiting.length === 1) setImmediate(() => void this.queue.run(() => this.commitBatch()));
    });
  }

  private async commitBatch(): Promise<void> {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (this.waiting.length > 0) void this.queue.run(() => this.commitBatch());
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let client: pg.PoolClient | undefined;
    let broken = false;
    try {
      if (this.closed) throw closedError();
      client = await this.pool.connect();
      // A connection the server ends mid-batch fails the query in flight (handled below) and also
      // emits an error on the client, which pg leaves unhandled while a client is checked out.
      client.on("error", ignore);
      await client.query("BEGIN");
      // One writer at a time across instances (EVENTS_LOCK); held until the COMMIT below.
      await client.query(LOCK_EVENTS);
      this.current = client;
      for (const request of batch) {
        await client.query("SAVEPOINT event");
        try {
          outcomes.push({ ok: true, value: await request.fn(this.tx) });
          await client.query("RELEASE SAVEPOINT event");
        } catch (error) {
          await client.query("ROLLBACK TO SAVEPOINT event");
          await client.query("RELEASE SAVEPOINT event");
          outcomes.push({ ok: false, value: error });
        }
      }
      this.current = undefined;
      await client.query("COMMIT");
      this.erasures.committed();
    } catch (error) {
      // A broken connection included: every caller hears of it, none waits for ever.
      this.current = undefined;
      broken = true;
      if (client) {
        await client.query("ROLLBACK").catch(ignore);
        client.off("error", ignore);
        client.release(true);
      }
      for (const request of batch) request.reject(error);
      return;
    } finally {
      this.erasures.ended();
      client?.off("error", ignore);
      if (client && !broken) client.release();
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) request.resolve(outcome.value);
      else request.reject(outcome?.value);
    });
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

  /** The serving instances connected to this database now, at least 1 (instances.ts). */
  liveInstances(): Promise<number> {
    return this.open(() => liveInstances(this.pool));
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

/** A constant statement, so named and prepared once per connection like the rest. */
const LOCK_EVENTS = { name: "lock_events", text: `SELECT pg_advisory_xact_lock(${EVENTS_LOCK})` };

function ignore(): void {}

function closedError(): RapportError {
  return new RapportError("the store is closed", "db_closed");
}
