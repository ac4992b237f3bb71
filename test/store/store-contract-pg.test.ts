import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { migrate } from "../../src/store/postgres/migrate.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { recording } from "./contract/coverage.js";
import {
  noteNamedStatements,
  partialIndexesPg,
  unindexedForeignKeysPg,
  wholeScansPg,
} from "./contract/pg-query-plans.js";
import { meantWhole, oneLine, staleEntries } from "./contract/query-plans.js";
import { type OpenStore, runStoreContract } from "./contract.js";

/**
 * The PostgreSQL store held to the store contract, plain and sealed, on a throwaway server this
 * file starts (test/support/postgres.ts). Each test gets a database of its own, copied from a
 * template that holds the migrated schema (no sealing row: each store writes its own).
 */

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

let server: TestPostgres | undefined;
let admin: pg.Client | undefined;
let made = 0;

if (!("missing" in found)) {
  beforeAll(async () => {
    server = await startPostgres();
    admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query("CREATE DATABASE rapport_template");
    const template = new pg.Client({ connectionString: server.url("rapport_template") });
    await template.connect();
    await migrate(template, new Date().toISOString());
    await template.end();
  });
  afterAll(async () => {
    // Waits for the databases still being dropped (queued on the admin connection).
    await admin?.end();
    await server?.stop();
  });
}

/** A fresh PostgreSQL store on a database of its own, plain or with a data key. */
function postgres(sealed: boolean): OpenStore {
  return async () => {
    if (!server || !admin) throw new Error("the test PostgreSQL did not start");
    const name = `contract_${++made}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE rapport_template`);
    const keys = sealed ? [parseDataKey(randomBytes(32).toString("base64"))] : [];
    const store = await PostgresStore.open(server.url(name), new Date(), { keys, poolSize: 4 });
    const connection = admin;
    return {
      store,
      close: () => {
        // In the background, once the store's connections have ended: dropping the database under
        // them (FORCE) would end them from the server's side, an error in whatever was using them.
        void store
          .ended()
          .then(() => connection.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
          .catch(() => {});
      },
    };
  };
}

if ("missing" in found) {
  describe.skip(`store contract: PostgreSQL (${found.missing})`, () => {
    it("needs PostgreSQL", () => {});
  });
} else {
  const plain = recording(postgres(false));
  // Every statement the contract makes the store send, for the query plans below.
  const sent = noteNamedStatements();
  runStoreContract("PostgreSQL", plain.open);
  runStoreContract("PostgreSQL, sealed", postgres(true));

  describe("store contract coverage on PostgreSQL", () => {
    it("exercises every method of the PostgreSQL store's Tx", () => {
      expect(plain.has.tx.size).toBeGreaterThan(0);
      expect([...plain.has.tx].filter((name) => !plain.seen.tx.has(name))).toEqual([]);
    });
  });

  /** As test/store/query-plans.test.ts holds SQLite's statements, on the migrated schema. */
  describe("query plans on PostgreSQL: no statement reads a whole table it does not mean to", () => {
    it("finds its rows through an index, outside the reads meant to be whole", async () => {
      expect(sent.size).toBeGreaterThan(120);
      const client = new pg.Client({ connectionString: server?.url("rapport_template") });
      await client.connect();
      try {
        const partial = await partialIndexesPg(client);
        const found: string[] = [];
        for (const [sql, values] of sent) {
          if (meantWhole(sql, "postgres")) continue;
          const scans = await wholeScansPg(client, sql, values, partial);
          if (scans.length > 0) found.push(`${oneLine(sql)}: ${scans.join("; ")}`);
        }
        expect(found).toEqual([]);
      } finally {
        await client.end();
      }
    });

    it("still meets each read meant to be whole", () => {
      expect(staleEntries(sent.keys(), "postgres")).toEqual([]);
    });

    it("indexes the column of every foreign key in the table that points", async () => {
      const client = new pg.Client({ connectionString: server?.url("rapport_template") });
      await client.connect();
      try {
        expect(await unindexedForeignKeysPg(client)).toEqual([]);
      } finally {
        await client.end();
      }
    });
  });
}
