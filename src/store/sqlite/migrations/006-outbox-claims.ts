import type { Migration } from "./migration.js";

/**
 * Version 6 is PostgreSQL's claims on outbox rows (src/store/postgres/migrations/006-outbox-claims.ts),
 * which let several servers send from one database. A SQLite file has one server (`serve` holds the
 * file's lock), whose worker already keeps each recipient to one lane: there is nobody to claim a
 * row from. The version is recorded all the same, so that one version number names one schema in
 * both stores.
 */
export const V6: Migration = {
  version: 6,
  name: "claims on outbox rows for several sending instances (PostgreSQL only)",
  sql: "-- Nothing changes in a SQLite file: one process sends from it.\n",
};
