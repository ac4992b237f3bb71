import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { DataKey } from "../field-crypto.js";
import { CURRENT_FORMAT, type SealingState } from "../sealing.js";
import { PG_MIGRATIONS } from "./migrations.js";

/**
 * The advisory lock (a fixed key of this application) under which a starting instance migrates
 * and reads or writes the sealing row: two instances starting together take turns, so neither
 * applies a migration the other is applying, and both use the one database secret.
 */
export const MIGRATION_LOCK = 0x7261_7070_6f72_74n; // "rapport"

/** Applies the migrations the database has not seen yet, each in its own transaction; returns their versions. */
export async function migrate(client: pg.ClientBase, now: string): Promise<number[]> {
  await client.query(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const done = new Set(
    (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
      (r) => r.version,
    ),
  );
  const applied: number[] = [];
  for (const migration of PG_MIGRATIONS) {
    if (done.has(migration.version)) continue;
    await client.query("BEGIN");
    try {
      // No parameters: the simple protocol, which runs the file's several statements.
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        now,
      ]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    applied.push(migration.version);
  }
  return applied;
}

/** The latest version applied; 0 for a database with no schema_migrations yet. */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const table = await client.query("SELECT to_regclass('schema_migrations') AS t");
  if (!table.rows[0]?.t) return 0;
  const row = (await client.query<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations"))
    .rows[0];
  return row?.v ?? 0;
}

/**
 * The database's sealing state (src/store/sealing.ts), written on first open with the configured
 * key, the current form and a random secret. A PostgreSQL database has no earlier form to find.
 */
export async function readSealing(client: pg.ClientBase, keys: readonly DataKey[]): Promise<SealingState> {
  const row = (
    await client.query<{ key_id: string | null; format: number; secret: string }>(
      "SELECT key_id, format, secret FROM sealing WHERE id = 1",
    )
  ).rows[0];
  if (row) return { keyId: row.key_id, format: row.format, secret: Buffer.from(row.secret, "base64") };
  const state: SealingState = { keyId: keys[0]?.id ?? null, format: CURRENT_FORMAT, secret: randomBytes(32) };
  await client.query("INSERT INTO sealing (id, key_id, format, secret) VALUES (1, $1, $2, $3)", [
    state.keyId,
    state.format,
    state.secret.toString("base64"),
  ]);
  return state;
}
