import type pg from "pg";
import { foreignKeys, reaching } from "./foreign-keys.js";

/** How long a rewrite waits for its table's lock before it gives way, and how often it tries again. */
const LOCK_TIMEOUT = "2s";
const RETRIES = [1_000, 5_000, 30_000];

/**
 * After an erasure commits, PostgreSQL still holds the erased rows' old versions in the table
 * and index files. A plain VACUUM frees their space for reuse but does not overwrite it: the
 * bytes of a row that lay lowest in its page (the last written, as a client's latest check-in
 * usually is) stay in the page's free space until another row happens to be written there, and
 * index entries likewise (measured: test/store/erasure-vacuum-pg.test.ts). So every table an
 * erasure reaches (people and all that point at it) is rewritten with its indexes, VACUUM (FULL),
 * and sampled again (ANALYZE: the planner's statistics keep sample values of each column), in
 * the background after the commit, one table at a time: each holds its table's lock for its own
 * rewrite only, and gives way after a short wait (LOCK_TIMEOUT) rather than queue every event
 * behind a long transaction, trying again later.
 *
 * Requests while a rewrite runs are served by one more pass after it. The WAL, archived WAL,
 * backups and replicas are beyond this (README, "Privacy and security").
 */
export class ErasureVacuum {
  private running: Promise<void> | undefined;
  private again = false;
  /** The store is closing: what was asked for is finished, without waiting to try a table again. */
  private closing = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly pool: pg.Pool,
    /** Off only for the test that shows what is left without it. */
    private readonly enabled = true,
  ) {}

  /** An erasure committed (or its notices were scrubbed): rewrite the tables it reached. */
  request(): void {
    if (!this.enabled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.request();
      }
    });
  }

  /** Resolves once no rewrite runs or waits (tests, and a clean close). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * The store is closing (a command that erased ends, a server stops): the rewrite under way
   * finishes, a table whose lock is not had at once is left, and no retry is waited for.
   */
  finish(): Promise<void> {
    this.closing = true;
    this.wake?.();
    return this.idle();
  }

  private async pass(): Promise<void> {
    let tables: string[];
    try {
      tables = reaching("people", await foreignKeys(this.pool));
    } catch {
      return; // The server is gone: nothing to rewrite with.
    }
    for (const table of tables) {
      for (let attempt = 0; ; attempt++) {
        if (await this.rewrite(table)) break;
        const wait = this.closing ? undefined : RETRIES[attempt];
        if (wait === undefined) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, wait).unref();
        });
        this.wake = undefined;
      }
    }
  }

  /** One table rewritten; false when its lock was not had in time (or the connection failed). */
  private async rewrite(table: string): Promise<boolean> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch {
      return false;
    }
    let ok = false;
    let broken = false;
    try {
      await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query(`VACUUM (FULL, ANALYZE) ${table}`);
      ok = true;
    } catch {
      // A lock not had in time: tried again later.
    } finally {
      // The connection goes back to the pool as it came, or not at all.
      await client.query("RESET lock_timeout").catch(() => {
        broken = true;
      });
      client.release(broken);
    }
    return ok;
  }
}
