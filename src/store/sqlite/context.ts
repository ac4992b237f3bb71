import type Database from "better-sqlite3";
import type { FieldCrypto } from "../field-crypto.js";
import type { ErasureCheckpoints } from "./erasure-checkpoints.js";

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

export type Row = Record<string, unknown>;
