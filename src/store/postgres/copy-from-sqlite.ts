import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { RapportError } from "../../errors.js";
import { CURRENT_FORMAT } from "../sealing.js";
import { lockHolder } from "../sqlite/db-lock.js";
import {
  CopyValueError,
  copiedColumns,
  countsTable,
  foundInTarget,
  insertSql,
  mismatches,
  NOT_COPIED,
  rowsPerInsert,
  schemaDifferences,
  type TableCount,
  toPostgres,
} from "./copy-plan.js";
import {
  holdTarget,
  migrateCommand,
  type PostgresSchema,
  postgresSchema,
  sqliteSchema,
  sqliteVersion,
} from "./copy-sources.js";
import { dependencyOrder, foreignKeys } from "./foreign-keys.js";
import { migrate, schemaVersion } from "./migrate.js";

/** A progress line for every this many rows of a large table. */
const PROGRESS_EVERY = 100_000;

interface CopyOptions {
  /** The SQLite file: opened read-only, never changed. */
  from: string;
  /** postgres://… of the target database: empty, or only migrated. */
  to: string;
  now: Date;
  /** Lines for whoever runs the copy: progress per table, then the counts. */
  say: (line: string) => void;
}

interface CopyResult {
  version: number;
  counts: TableCount[];
  rows: number;
  /** The key the values are sealed with (RAPPORT_DATA_KEY must be it on PostgreSQL too); null: not sealed. */
  keyId: string | null;
}

/**
 * Copies a practice's SQLite database into PostgreSQL with the same ids, in one PostgreSQL
 * transaction: every table in the order of its foreign keys, each read as a stream and written
 * 1,000 rows an INSERT, so a large database never sits in memory. Sealed values are bound to
 * their table, column and row id, which are the same in both schemas: they are copied as they
 * are, with the sealing row (the database's secret), and the same RAPPORT_DATA_KEY opens them.
 * Then every identity sequence is set past the largest id, and the rows of each table are counted
 * on both sides: a difference rolls everything back. After the commit the tables are analysed.
 *
 * Refused, before anything is written: a target with rows (beyond what an empty migrated one
 * holds), schemas of different versions, a SQLite file or a database in use by `rapport serve`.
 * The PostgreSQL side is held under the migration lock, so a server starting meanwhile waits.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const { from, say } = options;
  if (!existsSync(from)) throw new RapportError(`--from: there is no SQLite file at ${from}`, "copy_source");
  const holder = lockHolder(from);
  if (holder) {
    throw new RapportError(
      `--from: ${from} is in use by rapport ${holder.purpose} (process ${holder.pid}); stop it before copying, so that nothing is written after the copy`,
      "db_locked",
    );
  }
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    // One read transaction: every table and every count from the same moment of the file.
    db.exec("BEGIN");
    const version = sqliteVersion(db, from);
    const sealing = db.prepare("SELECT key_id, format FROM sealing WHERE id = 1").get() as
      | { key_id: string | null; format: number }
      | undefined;
    if (sealing?.format !== CURRENT_FORMAT) {
      throw new RapportError(
        `--from: ${from} has not been opened by this rapport yet (its values are in an earlier form); run \`${migrateCommand(from)}\` first`,
        "copy_source",
      );
    }
    const client = new pg.Client({ connectionString: options.to, application_name: "rapport migrate" });
    try {
      await client.connect();
    } catch (cause) {
      throw new RapportError(`--to: cannot connect to PostgreSQL: ${(cause as Error).message}`, "db_open", {
        cause,
      });
    }
    try {
      await holdTarget(client);
      await migrate(client, options.now.toISOString());
      const target = await schemaVersion(client);
      if (target !== version) {
        throw new RapportError(
          `--to: the database is at schema version ${target}, the SQLite file at ${version}; upgrade rapport`,
          "db_version",
        );
      }
      const schema = await postgresSchema(client);
      const differences = schemaDifferences(sqliteSchema(db), schema.columns);
      if (differences.length > 0) {
        throw new RapportError(
          `the schemas differ although both are at version ${version}: ${differences.join("; ")}`,
          "db_version",
        );
      }
      const tables = [...schema.columns.keys()].filter((t) => !NOT_COPIED.has(t));
      const counts = await copyTables(db, client, tables, schema, say);
      // A table filled in one go has no planner statistics until autovacuum gets to it, and
      // until then PostgreSQL may plan a therapist's reads on a guess: gathered now, once.
      const analysing = Date.now();
      await client.query(`ANALYZE ${tables.join(", ")}`);
      say(`Planner statistics gathered in ${((Date.now() - analysing) / 1000).toFixed(1)} s`);
      return { version, counts, rows: counts.reduce((n, c) => n + c.postgres, 0), keyId: sealing.key_id };
    } finally {
      // Ending the session releases its advisory locks.
      await client.end().catch(() => {});
    }
  } finally {
    db.close();
  }
}

/** The copy itself, in one transaction: checked empty, copied, sequences set, counted; rolled back on any failure. */
async function copyTables(
  db: Database.Database,
  client: pg.Client,
  tables: string[],
  schema: PostgresSchema,
  say: (line: string) => void,
): Promise<TableCount[]> {
  await client.query("BEGIN");
  try {
    const found = foundInTarget(await countAll(client, tables));
    if (found.length > 0) {
      throw new RapportError(
        `--to: the PostgreSQL database is not empty (${found.join(", ")}); copy into a new database (createdb), or one that rapport has only migrated`,
        "copy_target",
      );
    }
    // An empty database's own sealing row (its secret) gives way to the file's.
    await client.query("DELETE FROM sealing");
    const before = new Map(tables.map((t) => [t, count(db, t)]));
    for (const table of dependencyOrder(tables, await foreignKeys(client))) {
      await copyTable(db, client, table, schema.columns.get(table) ?? new Map(), before.get(table) ?? 0, say);
    }
    for (const { table, column } of schema.identities) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX("${column}") FROM ${table}), 0) + 1, false)`,
        [table, column],
      );
    }
    const after = await countAll(client, tables);
    const counts = tables.map((table) => ({
      table,
      sqlite: before.get(table) ?? 0,
      postgres: after.get(table) ?? 0,
    }));
    say(`Rows per table:\n${countsTable(counts)}`);
    const differ = mismatches(counts);
    if (differ.length > 0) {
      throw new RapportError(
        `the counts differ after the copy (${differ.map((c) => `${c.table}: ${c.sqlite} in SQLite, ${c.postgres} in PostgreSQL`).join("; ")}); nothing was copied (rolled back)`,
        "copy_count",
      );
    }
    await client.query("COMMIT");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    if (error instanceof CopyValueError) {
      throw new RapportError(`--from: ${error.message}; nothing was copied (rolled back)`, "copy_value");
    }
    if (error instanceof RapportError) throw error;
    // PostgreSQL's message names the constraint; its detail (which may quote a value) is left out.
    throw new RapportError(
      `copying into PostgreSQL failed: ${(error as Error).message}; nothing was copied (rolled back)`,
      "copy_failed",
      { cause: error },
    );
  }
}

/** One table: read as a stream, written a chunk of rows an INSERT. */
async function copyTable(
  db: Database.Database,
  client: pg.Client,
  table: string,
  columns: ReadonlyMap<string, string>,
  total: number,
  say: (line: string) => void,
): Promise<void> {
  const written = copiedColumns(table, columns);
  const names = written.map(([name]) => name);
  const types = written.map(([, type]) => type);
  const quoted = names.map((n) => `"${n}"`);
  const per = rowsPerInsert(names.length);
  const full = insertSql(table, quoted, per);
  let values: unknown[] = [];
  let copied = 0;
  const flush = async () => {
    const rows = values.length / names.length;
    if (rows === 0) return;
    // Full chunks share one prepared statement; the last, shorter one is sent as it is.
    await client.query(
      rows === per
        ? { name: `copy-${table}-${per}`, text: full, values }
        : { text: insertSql(table, quoted, rows), values },
    );
    copied += rows;
    values = [];
    if (copied % PROGRESS_EVERY === 0 && copied < total) say(`  ${table}: ${copied} of ${total} rows`);
  };
  const read = db.prepare(`SELECT ${quoted.join(", ")} FROM "${table}"`).raw(true);
  for (const row of read.iterate() as IterableIterator<unknown[]>) {
    row.forEach((value, i) => {
      values.push(toPostgres(value, types[i] ?? "text", `${table}.${names[i]}`));
    });
    if (values.length === per * names.length) await flush();
  }
  await flush();
  say(`  ${table}: ${copied} ${copied === 1 ? "row" : "rows"}`);
}

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

async function countAll(client: pg.Client, tables: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of tables) {
    const row = (await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0];
    counts.set(table, Number(row?.n ?? 0));
  }
  return counts;
}
