import { existsSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { postgresBinaries, startPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** The throwaway server the PostgreSQL store's tests run against (test/support/postgres.ts). */
describe.skipIf("missing" in found)("a throwaway PostgreSQL for tests", () => {
  it("starts, answers `select 1` over TCP and the Unix socket, makes a database, and stops", async () => {
    const server = await startPostgres();
    try {
      for (const url of [server.url(), server.socketUrl()]) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
        await client.end();
      }
      const made = await server.createDatabase("made");
      const client = new pg.Client({ connectionString: made });
      await client.connect();
      expect((await client.query("select current_database() as db")).rows).toEqual([{ db: "made" }]);
      await client.end();
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
    const after = new pg.Client({ connectionString: server.url(), connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  });
});
