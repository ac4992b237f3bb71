import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { PG_MIGRATIONS } from "../../src/store/postgres/migrations.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

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

  it("names every connection as its instance from the start, over a name in the URL, and over the Unix socket", async () => {
    const name = `open_${++made}`;
    await server.createDatabase(name);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    const store = await PostgresStore.open(
      `${server.socketUrl(name)}&application_name=clinic-app`,
      new Date(),
      {
        poolSize: 3,
        purpose: "serve",
        instance: "a1b2c3",
      },
    );
    try {
      // Reads at once, each on a connection of its own, and an event's transaction.
      await Promise.all([
        store.ping(),
        store.ping(),
        store.ping(),
        store.transaction((tx) => tx.getPerson(1)),
      ]);
      const names = await rows(
        server.url(name),
        `SELECT DISTINCT application_name AS n FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      );
      expect(names).toEqual([{ n: "rapport serve a1b2c3" }]);
      // A name set by a query after connecting raced the pool's first query on that connection.
      expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      store.close();
      await store.ended();
    }
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

  it("opens several servers on one database, each naming its connections by its instance", async () => {
    // The URL's own application name gives way: the live servers are counted by the store's.
    const url = `${await fresh()}?application_name=other`;
    const first = await PostgresStore.open(url, new Date(), { purpose: "serve" });
    const second = await PostgresStore.open(url, new Date(), { purpose: "serve" });
    const command = await PostgresStore.open(url);
    try {
      expect(first.instance).not.toBe(second.instance);
      await Promise.all([first.ping(), second.ping(), command.ping()]);
      const names = await rows(
        url,
        "SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'rapport%' ORDER BY 1",
      );
      expect(names.map((r) => r.name)).toEqual(
        [
          `rapport ${command.instance}`,
          `rapport serve ${first.instance}`,
          `rapport serve ${second.instance}`,
        ].sort(),
      );
      // Nothing is locked for serving: no advisory lock is left held between transactions.
      expect(await rows(url, "SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'")).toEqual([
        { n: 0 },
      ]);
    } finally {
      first.close();
      second.close();
      command.close();
    }
  });

  it("says so when it cannot connect", async () => {
    await expect(PostgresStore.open(server.url("no_such_database"))).rejects.toThrow(
      /RAPPORT_DATABASE_URL: cannot connect/,
    );
  });
});
