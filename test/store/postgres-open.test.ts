import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { PG_MIGRATIONS } from "../../src/store/postgres/migrations.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { waitFor } from "../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** Opening a PostgreSQL store: migrations under the advisory lock, the sealing row, refusals. */
describe.skipIf("missing" in found)("opening the PostgreSQL store", () => {
  let server: TestPostgres;
  let made = 0;
  const fresh = () => server.createDatabase(`open_${++made}`);
  const rows = async (url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("migrates once when several instances start together, and they share the database's secret", async () => {
    const url = await fresh();
    const stores = await Promise.all(
      [1, 2, 3, 4].map(() => PostgresStore.open(url, new Date(), { poolSize: 2 })),
    );
    try {
      expect(await rows(url, "SELECT version FROM schema_migrations ORDER BY version")).toEqual(
        PG_MIGRATIONS.map((m) => ({ version: m.version })),
      );
      expect(await rows(url, "SELECT COUNT(*)::int AS n FROM sealing")).toEqual([{ n: 1 }]);
      // The keyed hashes are the same in every instance: one secret, written once.
      expect(new Set(stores.map((s) => s.pseudonym(7))).size).toBe(1);
      const id = await stores[0]?.transaction((tx) =>
        tx.createPerson("therapist", "Dr Rivera", "2026-12-01"),
      );
      expect((await stores[3]?.transaction((tx) => tx.getPerson(id ?? 0)))?.name).toBe("Dr Rivera");
    } finally {
      for (const store of stores) store.close();
    }
  });

  it("opens a migrated database again without applying anything", async () => {
    const url = await fresh();
    (await PostgresStore.open(url)).close();
    const store = await PostgresStore.open(url);
    store.close();
    expect(await rows(url, "SELECT COUNT(*)::int AS n FROM schema_migrations")).toEqual([
      { n: PG_MIGRATIONS.length },
    ]);
  });

  it("refuses a database of a newer schema, and one sealed with a key that is not given", async () => {
    const newer = await fresh();
    (await PostgresStore.open(newer)).close();
    await rows(newer, "INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01')");
    await expect(PostgresStore.open(newer)).rejects.toThrow(/schema newer than this rapport knows/);

    const sealed = await fresh();
    const key = parseDataKey(randomBytes(32).toString("base64"));
    (await PostgresStore.open(sealed, new Date(), { keys: [key] })).close();
    await expect(PostgresStore.open(sealed)).rejects.toThrow(/sealed with key/);
    const other = parseDataKey(randomBytes(32).toString("base64"));
    await expect(PostgresStore.open(sealed, new Date(), { keys: [other] })).rejects.toThrow(/rotate-key/);
  });

  it("holds the serve lock for one process at a time, released when its store closes", async () => {
    const url = await fresh();
    const first = await PostgresStore.open(url, new Date(), { hold: "serve" });
    await expect(PostgresStore.open(url, new Date(), { hold: "serve" })).rejects.toThrow(
      /in use by another rapport serve; stop it before serve/,
    );
    // Commands that do not serve (therapist add, status) still open beside it.
    const beside = await PostgresStore.open(url);
    beside.close();
    first.close();
    await waitFor(async () => {
      const held = await rows(url, "SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'");
      return held[0]?.n === 0;
    });
    (await PostgresStore.open(url, new Date(), { hold: "serve" })).close();
  });

  it("says so when it cannot connect", async () => {
    await expect(PostgresStore.open(server.url("no_such_database"))).rejects.toThrow(
      /RAPPORT_DATABASE_URL: cannot connect/,
    );
  });
});
