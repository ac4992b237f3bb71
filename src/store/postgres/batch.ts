import type pg from "pg";
import type { BatchTransaction } from "../common/group-commit.js";

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

/** A constant statement, so named and prepared once per connection like the rest. */
const LOCK_EVENTS = { name: "lock_events", text: `SELECT pg_advisory_xact_lock(${EVENTS_LOCK})` };

/**
 * A batch's transaction on a connection of the pool, under the events lock; `use` is told the
 * connection the batch's events run on (undefined once it is no longer theirs).
 */
export async function batchTransaction(
  pool: pg.Pool,
  use: (client: pg.PoolClient | undefined) => void,
): Promise<BatchTransaction> {
  const client = await pool.connect();
  // A connection the server ends mid-batch fails the query in flight (handled by the batch) and
  // also emits an error on the client, which pg leaves unhandled while a client is checked out.
  client.on("error", ignore);
  const giveBack = (broken: boolean) => {
    use(undefined);
    client.off("error", ignore);
    client.release(broken);
  };
  return {
    begin: async () => {
      await client.query("BEGIN");
      // One writer at a time across instances (EVENTS_LOCK); held until the COMMIT.
      await client.query(LOCK_EVENTS);
      use(client);
    },
    savepoint: async () => void (await client.query("SAVEPOINT event")),
    release: async () => void (await client.query("RELEASE SAVEPOINT event")),
    rollbackToSavepoint: async () => {
      await client.query("ROLLBACK TO SAVEPOINT event");
      await client.query("RELEASE SAVEPOINT event");
    },
    commit: async () => {
      use(undefined);
      await client.query("COMMIT");
    },
    // A failed statement leaves PostgreSQL's transaction aborted, which the rollback to the
    // event's savepoint recovers; a broken connection fails that rollback instead.
    stillOpen: () => true,
    abandon: async () => {
      await client.query("ROLLBACK").catch(ignore);
      giveBack(true);
    },
    finish: () => giveBack(false),
  };
}

function ignore(): void {}
