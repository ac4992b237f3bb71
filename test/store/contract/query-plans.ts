import type Database from "better-sqlite3";
import type { SqliteStore } from "../../../src/store/sqlite/store.js";
import type { OpenStore } from "./harness.js";

/** What SQLite plans for each statement the store ran: the plan's lines, by SQL text. */
export type Plans = Map<string, string[]>;

/**
 * The lines of a plan that read a whole table, or the whole of an index that holds every row of
 * it. A scan of a partial index is not one of them: it reads the rows in a passing state only
 * (open check-ins, pending messages, therapists among the people), not the practice's history.
 */
export function fullScans(plan: readonly string[], partialIndexes: ReadonlySet<string>): string[] {
  return plan.filter((line) => {
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
      if (db.open) {
        const indexes = prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
        ).all() as {
          name: string;
          sql: string;
        }[];
        for (const index of indexes) if (/\bWHERE\b/i.test(index.sql)) partialIndexes.add(index.name);
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
