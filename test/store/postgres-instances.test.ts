import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveInstances } from "../../src/store/postgres/instances.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { waitFor } from "../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** The live serving instances on one database, counted from its sessions on a throwaway server. */
describe.skipIf("missing" in found)("counting the serving instances", () => {
  let server: TestPostgres;
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end().catch(() => {})));
    await server?.stop();
  });

  /** A pool named as an instance would be, with `connections` sessions open. */
  const pool = async (url: string, name: string | undefined, connections = 1): Promise<pg.Pool> => {
    const made = new pg.Pool({ connectionString: url, max: connections, application_name: name });
    pools.push(made);
    const clients = await Promise.all(Array.from({ length: connections }, () => made.connect()));
    for (const c of clients) c.release();
    return made;
  };

  it("counts each instance once, whatever its connections, and only on this database", async () => {
    const url = await server.createDatabase("instances_one");
    const other = await server.createDatabase("instances_two");
    const a = await pool(url, "rapport serve a1b2", 3);
    const b = await pool(url, "rapport serve c3d4", 2);
    // Not instances: a command beside them, the polling lock's connection, a pool with no name,
    // and an instance of another database.
    await pool(url, "rapport migrate");
    await pool(url, "rapport polling");
    await pool(url, undefined);
    await pool(other, "rapport serve e5f6");
    expect(await liveInstances(a)).toBe(2);
    expect(await liveInstances(b)).toBe(2);

    await b.end();
    // The server ends the sessions of a pool that closes; the count follows.
    await waitFor(async () => (await liveInstances(a)) === 1);
    expect(await liveInstances(a)).toBe(1);
  });

  it("counts at least the caller when no session is named as an instance", async () => {
    const url = await server.createDatabase("instances_none");
    const plain = await pool(url, undefined);
    expect(await liveInstances(plain)).toBe(1);
  });

  it("fails with db_version, naming both versions, once the database is at a schema newer than the caller knows", async () => {
    const url = await server.createDatabase("instances_schema");
    const a = await pool(url, "rapport serve a1b2");
    await a.query("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)");
    await a.query("INSERT INTO schema_migrations VALUES (10, 'ten', 'x')");
    expect(await liveInstances(a, 10)).toBe(1);
    // Another instance, of a later rapport, migrates it.
    await a.query("INSERT INTO schema_migrations VALUES (11, 'eleven', 'x')");
    await expect(liveInstances(a, 10)).rejects.toMatchObject({
      code: "db_version",
      message: expect.stringContaining("schema version 11, newer than this rapport knows (10)"),
    });
  });
});
