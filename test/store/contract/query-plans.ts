import type Database from "better-sqlite3";
import type { SqliteStore } from "../../../src/store/sqlite/store.js";
import type { OpenStore } from "./harness.js";

/** What SQLite plans for each statement the store ran: the plan's lines, by SQL text. */
export type Plans = Map<string, string[]>;

/**
 * Whether an index's definition keeps only rows in a passing state (WHERE status = 'pending',
 * acknowledged_at IS NULL, role = 'therapist'): a scan of it stays small. One kept only by
 * "column IS NOT NULL" holds nearly every row, and does not count.
 */
export function passingState(definition: string): boolean {
  return whereOf(definition) !== undefined && keptNotNull(definition) === undefined;
}

/** The condition of a partial index's definition, if it has one. */
function whereOf(definition: string): string | undefined {
  return /\bWHERE\b([\s\S]*)$/i.exec(definition)?.[1]?.trim();
}

/** The column of an index kept only by "column IS NOT NULL", if that is its condition. */
function keptNotNull(definition: string): string | undefined {
  return /^\(?\s*(\w+)\s+IS\s+NOT\s+NULL\s*\)?$/i.exec(whereOf(definition) ?? "")?.[1];
}

/**
 * The lines of a plan that read a whole table, or the whole of an index that holds every row of
 * it. A scan of a partial index is not one of them: it reads the rows in a passing state only
 * (open check-ins, pending messages, therapists among the people), not the practice's history.
 */
export function fullScans(plan: readonly string[], partialIndexes: ReadonlySet<string>): string[] {
  return plan.filter((line) => {
    // An automatic index is built for the statement by reading the whole table first.
    if (/USING AUTOMATIC/.test(line)) return true;
    if (!/^SCAN /.test(line) || /^SCAN (CONSTANT ROW|json_each)\b/.test(line)) return false;
    const index = /USING (?:COVERING )?INDEX (\w+)/.exec(line)?.[1];
    return !(index && partialIndexes.has(index));
  });
}

const RUNS = ["run", "get", "all", "iterate"] as const;

/**
 * Wraps an opener of SQLite stores so that every statement the store prepares is noted with the
 * arguments of its first run, and, before the store closes, SQLite's plan for it is asked with
 * those arguments (`EXPLAIN QUERY PLAN`). The plans do not depend on how many rows the tables
 * hold (the store keeps no statistics), so a contract run on a near-empty file shows what the
 * same statement does on a clinic group's.
 */
export function planning(open: () => Promise<{ store: SqliteStore; close: () => void }>): {
  open: OpenStore;
  plans: Plans;
  partialIndexes: Set<string>;
} {
  const plans: Plans = new Map();
  const partialIndexes = new Set<string>();
  const opened: OpenStore = async () => {
    const { store, close } = await open();
    const db = store.connection;
    const firstArgs = new Map<string, unknown[]>();
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      for (const method of RUNS) {
        const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
        (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          if (!firstArgs.has(sql)) firstArgs.set(sql, args);
          return original(...args);
        };
      }
      return statement;
    }) as Database.Database["prepare"];
    const closeStore = store.close.bind(store);
    store.close = () => {
      if (db.open && partialIndexes.size === 0) {
        const indexes = prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
        ).all() as {
          name: string;
          sql: string;
        }[];
        for (const index of indexes) if (passingState(index.sql)) partialIndexes.add(index.name);
      }
      if (db.open) {
        for (const [sql, args] of firstArgs) {
          if (plans.has(sql)) continue;
          const rows = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
          plans.set(
            sql,
            rows.map((row) => row.detail),
          );
        }
      }
      closeStore();
    };
    return { store, close };
  };
  return { open: opened, plans, partialIndexes };
}

type StoreKind = "sqlite" | "postgres";
const BOTH: StoreKind[] = ["sqlite", "postgres"];

/**
 * Statements that read a whole table by design, by how their SQL begins, each with why that is
 * right and in which store's SQL it is found. Anything else that reads a whole table would read a
 * clinic group's million check-ins or every message it ever sent on a path a client or therapist
 * waits on, or in the timed steps every 15 seconds.
 */
export const WHOLE_TABLE_BY_DESIGN: Readonly<Record<string, { why: string; in: StoreKind[] }>> = {
  "SELECT ch.client_id AS": { why: "rapport export: every answer of the clinic, once per export", in: BOTH },
  "SELECT e.id AS episode_id, c.age": {
    why: "rapport calibrate: every finished episode's totals, once per fit",
    in: ["sqlite"],
  },
  "SELECT id FROM episodes WHERE ended_at IS NOT NULL": {
    why: "rapport calibrate: the finished episodes, once per fit",
    in: ["postgres"],
  },
  "SELECT (SELECT COUNT(*) FROM people WHERE role = 'therapist') AS therapists": {
    why: "rapport status: the clinic's clients by state, once per command",
    in: BOTH,
  },
  "SELECT * FROM trajectory_fits ORDER BY id DESC LIMIT 1": {
    why: "the newest row by its key: one row read, from the end",
    in: BOTH,
  },
};

/** The statement on one line, as WHOLE_TABLE_BY_DESIGN names it. */
export function oneLine(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}

/** Whether `sql` is one of `store`'s reads meant to be whole. */
export function meantWhole(sql: string, store: StoreKind): boolean {
  return Object.entries(WHOLE_TABLE_BY_DESIGN).some(
    ([start, entry]) => entry.in.includes(store) && oneLine(sql).startsWith(start),
  );
}

/**
 * The reads meant to be whole that none of `sqls` is: an entry left after its statement changed
 * would excuse whatever new statement began the same way.
 */
export function staleEntries(sqls: Iterable<string>, store: StoreKind): string[] {
  const lines = [...sqls].map(oneLine);
  return Object.entries(WHOLE_TABLE_BY_DESIGN)
    .filter(([start, entry]) => entry.in.includes(store) && !lines.some((sql) => sql.startsWith(start)))
    .map(([start]) => start);
}

/**
 * Foreign keys whose column in the table that points leads no index usable for "column = ?" (a
 * partial one only when kept by "column IS NOT NULL", which that implies), or the row's key.
 */
export function unindexedForeignKeys(db: Database.Database): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const found: string[] = [];
  for (const { name: table } of tables) {
    const keys = db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { from: string }[];
    const leading = new Set<string>();
    for (const index of db.prepare(`PRAGMA index_list("${table}")`).all() as {
      name: string;
      partial: number;
    }[]) {
      const first = (db.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string }[])[0]?.name;
      if (!first) continue;
      const definition = (
        db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(index.name) as
          | { sql: string | null }
          | undefined
      )?.sql;
      const usable = index.partial === 0 || keptNotNull(definition ?? "") === first;
      if (usable) leading.add(first);
    }
    const rowKey = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[]).find(
      (column) => column.pk === 1,
    )?.name;
    if (rowKey) leading.add(rowKey);
    for (const key of keys) if (!leading.has(key.from)) found.push(`${table}.${key.from}`);
  }
  return found.sort();
}
