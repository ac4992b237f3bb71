import type Database from "better-sqlite3";
import type pg from "pg";
import { RapportError } from "../../errors.js";
import { MIGRATIONS } from "../sqlite/migrations.js";
import type { Schema } from "./copy-plan.js";
import { refuseWhileServed } from "./instances.js";
import { MIGRATION_LOCK } from "./migrate.js";

/**
 * What the copy from SQLite (copy-from-sqlite.ts) reads of both databases before it writes: their
 * schemas and versions; and the locks it holds on the target.
 */

export interface PostgresSchema {
  columns: Schema;
  identities: { table: string; column: string }[];
}

/** The tables of the `public` schema, their columns in order with their types, and the identity columns. */
export async function postgresSchema(client: pg.Client): Promise<PostgresSchema> {
  const rows = (
    await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
      `SELECT c.table_name, c.column_name, c.data_type, c.is_identity FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       ORDER BY c.table_name, c.ordinal_position`,
    )
  ).rows;
  const columns = new Map<string, Map<string, string>>();
  const identities: PostgresSchema["identities"] = [];
  for (const r of rows) {
    const table = columns.get(r.table_name) ?? new Map<string, string>();
    table.set(r.column_name, r.data_type);
    columns.set(r.table_name, table);
    if (r.is_identity === "YES") identities.push({ table: r.table_name, column: r.column_name });
  }
  return { columns, identities };
}

export function sqliteSchema(db: Database.Database): Schema {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .all() as { name: string }[];
  return new Map(
    tables.map(({ name }) => [
      name,
      new Map(
        (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[]).map((c) => [
          c.name,
          c.type,
        ]),
      ),
    ]),
  );
}

/**
 * The target held for the copy: its migration lock (an instance starting meanwhile waits, then
 * finds the copied data); refused while a server is connected to it.
 */
export async function holdTarget(client: pg.Client): Promise<void> {
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK.toString()]);
  await refuseWhileServed(
    client,
    "--to: the database is in use by a rapport serve; stop every server before copying into it",
  );
}

/** The file's schema version, which must be this rapport's latest (that of PostgreSQL after migrating). */
export function sqliteVersion(db: Database.Database, path: string): number {
  let version: number;
  try {
    version =
      (db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v ?? 0;
  } catch {
    throw new RapportError(
      `--from: ${path} is not a rapport database (it has no schema_migrations)`,
      "copy_source",
    );
  }
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  if (version > latest) {
    throw new RapportError(
      `--from: ${path} has a schema newer than this rapport knows (${version}, this rapport ${latest}); upgrade rapport`,
      "db_version",
    );
  }
  if (version < latest) {
    throw new RapportError(
      `--from: ${path} is at schema version ${version}, and PostgreSQL would be at ${latest}: bring the file to version ${latest} first with \`${migrateCommand(path)}\`, then copy again`,
      "db_version",
    );
  }
  return version;
}

/** The command that migrates the SQLite file itself (RAPPORT_DATABASE_URL emptied, or it would migrate PostgreSQL). */
export function migrateCommand(path: string): string {
  return `RAPPORT_DATABASE_URL= RAPPORT_DB=${path} rapport migrate`;
}
