import type Database from "better-sqlite3";
import type { ErasureCheckpoints } from "../common/erasure-checkpoints.js";
import type { FieldCrypto } from "../field-crypto.js";

/** A prepared statement for this SQL, prepared once per connection and reused. */
export type Statements = (sql: string) => Database.Statement;

/**
 * What each aggregate's SQLite part is built from: the connection's statement cache, the field
 * sealing, and the erasure checkpoints that an erasure and a scrubbed outbox row report to.
 */
export interface SqlContext {
  s: Statements;
  c: FieldCrypto;
  db: Database.Database;
  wal: ErasureCheckpoints;
}

import type { Row } from "../common/records.js";

export type { Row };

/**
 * The id the next row of `table` gets, chosen before the insert so that its sealed values can be
 * bound to it. Safe inside the store's write transaction (BEGIN IMMEDIATE: one writer), and the
 * same number SQLite would have chosen.
 */
export function nextId(s: Statements, table: string): number {
  return (s(`SELECT COALESCE(MAX(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
}
