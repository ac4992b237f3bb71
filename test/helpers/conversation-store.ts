import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { DataKey } from "../../src/store/field-crypto.js";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import type { Store } from "../../src/store/store.js";
import { dropDatabase, freshDatabase } from "../support/postgres-databases.js";
import { testStore } from "../support/store-matrix.js";
import { StoreWhenOpen } from "./store-when-open.js";

/**
 * The store of one Conversation, on the store this test process runs on
 * (test/support/store-matrix.ts): a SQLite file in a folder of its own, or a PostgreSQL database
 * of its own. Beside the Store, a raw read of the database for the tests about what is stored.
 */
export interface ConversationStore {
  store: Store;
  /** The SQLite store and its file, on SQLite only. */
  sqlite?: { store: SqliteStore; dir: string; path: string };
  /** Raw SQL on the database, `?` for each parameter: rows as the database gives them. */
  rows<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** The names of the database's tables. */
  tables(): Promise<string[]>;
  close(): void;
}

export function openConversationStore(now: Date, keys: readonly DataKey[]): ConversationStore {
  return testStore() === "postgres" ? postgresStore(now, keys) : sqliteStore(now, keys);
}

function sqliteStore(now: Date, keys: readonly DataKey[]): ConversationStore {
  const dir = mkdtempSync(join(tmpdir(), "rapport-test-"));
  const path = join(dir, "rapport.db");
  const store = SqliteStore.open(path, now, { keys });
  return {
    store,
    sqlite: { store, dir, path },
    rows: async <T>(sql: string, params: readonly unknown[]) => {
      const statement = store.connection.prepare(sql);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    },
    tables: async () =>
      (
        store.connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `?` placeholders as PostgreSQL's `$1`, `$2` …: the tests' queries are written once, for both. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function postgresStore(now: Date, keys: readonly DataKey[]): ConversationStore {
  const database = freshDatabase();
  // One connection: the store answers the delivery worker's reads in the order they were asked,
  // as SQLite's one connection does. The tests read what was delivered in that order, also across
  // recipients, which a pool of several would answer in whatever order their queries finish.
  const store = new StoreWhenOpen(
    database.then(({ url }) => PostgresStore.open(url, now, { keys, poolSize: 1 })),
  );
  // The raw reads' own connection, made when first asked for.
  let reader: Promise<pg.Client> | undefined;
  const read = () => {
    reader ??= database.then(async ({ url }) => {
      const client = new pg.Client({ connectionString: url });
      client.on("error", () => {});
      await client.connect();
      return client;
    });
    return reader;
  };
  const rows = async <T>(sql: string, params: readonly unknown[]) =>
    (await (await read()).query(numbered(sql), [...params])).rows as T[];
  return {
    store,
    rows,
    tables: async () =>
      (
        await rows<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
          [],
        )
      ).map((t) => t.name),
    close: () => {
      store.close();
      // The database is dropped once the store's connections have ended: dropping it under them
      // (FORCE) would end them from the server's side, an error in whatever was using them.
      const closing = Promise.allSettled([
        store.ready.then((s) => (s as PostgresStore).ended()),
        reader?.then((client) => client.end()),
      ]);
      dropDatabase(
        database.then(({ name }) => name),
        closing,
      );
    },
  };
}
