import type { Migration } from "../sqlite/migrations/migration.js";
import { V5 } from "./migrations/005-schema.js";
import { V6 } from "./migrations/006-outbox-claims.js";
import { V7 } from "./migrations/007-indexes-for-a-clinic-group.js";
import { V8 } from "./migrations/008-dated-breaks.js";
import { V9 } from "./migrations/009-break-offers.js";
import { V10 } from "./migrations/010-comment-number.js";

/**
 * PostgreSQL schema versions, numbered as SQLite's (src/store/sqlite/migrations.ts) so that one
 * number names one schema in both stores: a new database starts at 5 (the whole schema of that
 * version), then takes each later one. Never edit a migration that has shipped; add the next one here and in SQLite's list.
 */
export const PG_MIGRATIONS: readonly Migration[] = [V5, V6, V7, V8, V9, V10];
