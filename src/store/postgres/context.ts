import { createHash } from "node:crypto";
import type pg from "pg";
import type { ErasureCheckpoints } from "../common/erasure-checkpoints.js";
import type { Row } from "../common/records.js";
import type { FieldCrypto } from "../field-crypto.js";

export type { Row };

/** A pool, or one client of it inside a transaction: what a query runs on. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/**
 * What each aggregate's PostgreSQL part is built from: queries on the connection in use (the
 * transaction's client, or the pool for the delivery worker's reads and marks), and the field
 * sealing. SQL is written with $1, $2 … placeholders.
 */
export interface PgContext {
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  c: FieldCrypto;
  /** What an erasure and a scrubbed outbox row report to, so the tables are rewritten after (erasure-vacuum.ts). */
  erasures?: ErasureCheckpoints;
}

const names = new Map<string, string>();

/**
 * Each statement is named by its text, so PostgreSQL prepares it once per connection
 * (docs/postgres.md: named statements were the faster way, measured).
 */
function nameOf(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `r${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

export function pgContext(on: () => Queryable, c: FieldCrypto, erasures?: ErasureCheckpoints): PgContext {
  const query = (sql: string, params: readonly unknown[] = []) =>
    on().query({ name: nameOf(sql), text: sql, values: params as unknown[] });
  return {
    all: async <T>(sql: string, params?: readonly unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly unknown[]) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    c,
    erasures,
  };
}

/**
 * The id the next row of `table` gets, taken from its sequence before the insert so that its
 * sealed values can be bound to it (as SQLite's store chooses it first too).
 */
export async function nextId(q: PgContext, table: string): Promise<number> {
  const row = await q.get<{ id: number }>("SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id", [table]);
  return Number(row?.id);
}
