import Database from "better-sqlite3";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";

/**
 * A database file as an earlier rapport left it: the migrations up to `version` applied and
 * recorded, then `seed` (SQL of that schema's rows), for the tests that open it with this version.
 */
export function databaseAt(path: string, version: number, seed: string): void {
  const db = new Database(path);
  db.exec(
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(m.sql);
    db.prepare("INSERT INTO schema_migrations VALUES (?, ?, 'x')").run(m.version, m.name);
  }
  db.exec(seed);
  db.close();
}
