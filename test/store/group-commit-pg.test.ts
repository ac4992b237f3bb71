import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** PostgreSQL: transactions asked for together share one commit, each in its own savepoint (as SQLite's). */
describe.skipIf("missing" in found)("group commit on PostgreSQL", () => {
  const at = "2026-12-01T10:00:00.000Z";
  let server: TestPostgres;
  let reader: pg.Client;
  let store: PostgresStore;
  let made = 0;

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    const url = await server.createDatabase(`group_${++made}`);
    store = await PostgresStore.open(url, new Date(), { poolSize: 3 });
    reader = new pg.Client({ connectionString: url });
    await reader.connect();
  });
  afterEach(async () => {
    store.close();
    await reader.end();
  });

  /** Therapists' names, as another connection sees them (committed rows only). */
  const committedNames = async () =>
    (await reader.query<{ name: string }>("SELECT name FROM people ORDER BY id")).rows.map((r) => r.name);

  it("commits transactions asked for together at once, rolls back only the one that fails, and answers after the commit", async () => {
    let seenByReaderDuringBatch: string[] | undefined;
    const first = store.transaction((tx) => tx.createPerson("therapist", "Dr A", at));
    const failing = store.transaction(async (tx) => {
      await tx.createPerson("therapist", "Dr B", at);
      // A failed statement too: the savepoint, not the batch, is rolled back.
      await tx.createCode("same", "link", 1, at, at);
      await tx.createCode("same", "link", 1, at, at);
    });
    const third = store.transaction(async (tx) => {
      seenByReaderDuringBatch = await committedNames();
      return tx.createPerson("therapist", "Dr C", at);
    });
    const results = await Promise.allSettled([first, failing, third]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect(seenByReaderDuringBatch).toEqual([]);
    expect(await committedNames()).toEqual(["Dr A", "Dr C"]);
    await store.transaction((tx) => tx.createPerson("therapist", "Dr D", at));
    expect(await committedNames()).toEqual(["Dr A", "Dr C", "Dr D"]);
  });

  it("answers every transaction of a batch whose connection is killed, and goes on with a new connection", async () => {
    const asked = [1, 2, 3].map((n) =>
      store.transaction(async (tx) => {
        const id = await tx.createPerson("therapist", `Dr ${n}`, at);
        if (n === 2) {
          // The batch's own connection is ended by the server (a fail-over, an admin's kill).
          await reader.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'",
          );
        }
        return id;
      }),
    );
    const results = await Promise.allSettled(asked);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await committedNames()).toEqual([]);
    await store.transaction((tx) => tx.createPerson("therapist", "Dr after", at));
    expect(await committedNames()).toEqual(["Dr after"]);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it("answers every waiting transaction with an error once closed, none waits for ever", async () => {
    store.close();
    const results = await Promise.allSettled([1, 2, 3].map(() => store.transaction((tx) => tx.getPerson(1))));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
  });
});
