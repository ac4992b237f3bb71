import type { Migration } from "../sqlite/migrations/migration.js";
import { V5 } from "./migrations/005-schema.js";

/**
 * PostgreSQL schema versions, numbered as SQLite's (src/store/sqlite/migrations.ts) so that one
 * number names one schema in both stores: a new database starts at 5 (the whole schema of that
 * version). Never edit a migration that has shipped; add the next one here and in SQLite's list.
 */
export const PG_MIGRATIONS: readonly Migration[] = [V5];
