/**
 * Pure decisions of `rapport migrate --from sqlite:PATH --to postgres://…` (copy-from-sqlite.ts
 * does the I/O): whether the two schemas match, how a SQLite value becomes a PostgreSQL one,
 * what makes a target not empty, and whether the counts agree after the copy.
 */

/** A table's columns by name, with their declared type (PostgreSQL's `data_type`; SQLite's own). */
export type Schema = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** The tables every copy leaves as they are: each database keeps its own migration history. */
export const NOT_COPIED = new Set(["schema_migrations"]);

/**
 * Columns only PostgreSQL has: the claims of the instances sending from the outbox (migration 006),
 * which a SQLite file, sent from by one process, never needs. The copy leaves them empty.
 */
const POSTGRES_ONLY: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["outbox", new Set(["claimed_by", "claimed_until"])],
]);

/** The columns of `table` the copy writes: PostgreSQL's, less those only it has. */
export function copiedColumns(table: string, columns: ReadonlyMap<string, string>): [string, string][] {
  return [...columns].filter(([name]) => !POSTGRES_ONLY.get(table)?.has(name));
}

/**
 * What an empty migrated database holds: its sealing row (written by the first start, a random
 * secret and the key of that start), which the copy replaces with the SQLite file's own.
 */
const EMPTY_HOLDS: ReadonlyMap<string, number> = new Map([["sealing", 1]]);

/** The differences between the schemas, one line each: none for two databases of the same version. */
export function schemaDifferences(sqlite: Schema, postgres: Schema): string[] {
  const lines: string[] = [];
  for (const table of [...new Set([...sqlite.keys(), ...postgres.keys()])].sort()) {
    if (NOT_COPIED.has(table)) continue;
    const a = sqlite.get(table);
    const b = postgres.get(table);
    if (!a) lines.push(`table ${table} is only in PostgreSQL`);
    else if (!b) lines.push(`table ${table} is only in the SQLite file`);
    else {
      for (const column of a.keys())
        if (!b.has(column)) lines.push(`${table}.${column} is only in the SQLite file`);
      for (const column of b.keys())
        if (!a.has(column) && !POSTGRES_ONLY.get(table)?.has(column))
          lines.push(`${table}.${column} is only in PostgreSQL`);
    }
  }
  return lines;
}

/** Rows found in the target beyond what an empty migrated database holds, as "table: N rows"; none when empty. */
export function foundInTarget(counts: ReadonlyMap<string, number>): string[] {
  return [...counts]
    .filter(([table, n]) => !NOT_COPIED.has(table) && n > (EMPTY_HOLDS.get(table) ?? 0))
    .map(([table, n]) => `${table}: ${n} ${n === 1 ? "row" : "rows"}`);
}

/** A value that cannot be copied: named by its place, never by the value (it may be health data). */
export class CopyValueError extends Error {}

/**
 * A SQLite value as PostgreSQL's column of this type takes it: 0/1 flags become booleans; a
 * number stored in a TEXT column (an answer or a score of a database without a data key) becomes
 * its text as the PostgreSQL store writes it (String(n)); integers stay whole. Anything else
 * (a blob, text in a number column, a flag that is not 0 or 1) is refused by its place.
 */
export function toPostgres(value: unknown, type: string, place: string): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "boolean":
      if (value === 0 || value === 1) return value === 1;
      throw new CopyValueError(`${place}: a flag that is not 0 or 1`);
    case "bigint":
    case "integer":
    case "smallint":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      throw new CopyValueError(`${place}: a value that is not a whole number`);
    case "double precision":
    case "real":
    case "numeric":
      if (typeof value === "number") return value;
      throw new CopyValueError(`${place}: a value that is not a number`);
    default:
      if (typeof value === "string") return value;
      if (typeof value === "number") return String(value);
      throw new CopyValueError(`${place}: a value of a kind PostgreSQL's ${type} column does not take`);
  }
}

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/** Rows per INSERT: `wanted`, or fewer when the table is wide. */
export function rowsPerInsert(columns: number, wanted = 1000): number {
  return Math.max(1, Math.min(wanted, Math.floor(MAX_PARAMETERS / columns)));
}

/** One INSERT of `rows` rows of these columns, with numbered parameters row after row. */
export function insertSql(table: string, columns: readonly string[], rows: number): string {
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    values.push(`(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
  }
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values.join(", ")}`;
}

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

/** The tables whose counts differ after the copy. */
export function mismatches(counts: readonly TableCount[]): TableCount[] {
  return counts.filter((c) => c.sqlite !== c.postgres);
}

/** The counts as a table for the terminal, a mismatch marked. */
export function countsTable(counts: readonly TableCount[]): string {
  const width = Math.max(5, ...counts.map((c) => c.table.length));
  const head = `  ${"table".padEnd(width)}  ${"SQLite".padStart(10)}  ${"PostgreSQL".padStart(10)}`;
  const lines = counts.map(
    (c) =>
      `  ${c.table.padEnd(width)}  ${String(c.sqlite).padStart(10)}  ${String(c.postgres).padStart(10)}${c.sqlite === c.postgres ? "" : "  differs"}`,
  );
  return [head, ...lines].join("\n");
}
