import { V7_BOTH_STORES } from "../../sqlite/migrations/007-indexes-for-a-clinic-group.js";
import type { Migration } from "../../sqlite/migrations/migration.js";

/**
 * The indexes of SQLite's version 7 that PostgreSQL's schema did not have yet; its version 5
 * already indexed check-ins by episode, the outbox by person and by the client a message is
 * about, and wrong-code attempts by time.
 */
export const V7: Migration = {
  version: 7,
  name: "indexes for a clinic group's tables",
  sql: V7_BOTH_STORES,
};
