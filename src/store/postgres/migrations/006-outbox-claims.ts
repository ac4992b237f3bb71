import type { Migration } from "../../sqlite/migrations/migration.js";

/**
 * Claims on outbox rows, so that several `rapport serve` instances can send from one database
 * (src/store/postgres/outbox-queue.ts): the instance that took a row to send it, and until when
 * its claim holds. A row is claimed while pending only; marking it sent, failed or for a retry
 * clears the claim. SQLite's version 6 changes nothing (one process sends from a file).
 */
export const V6: Migration = {
  version: 6,
  name: "claims on outbox rows for several sending instances",
  sql: `
-- The instance (a random id made when its store opened, also in its connections' application_name)
-- that is sending this row. NULL: nobody.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
-- Until when the claim holds (ISO time of the database's clock): a claim that has run out is free
-- to take, so the rows of an instance that was killed mid-send go out from another.
ALTER TABLE outbox ADD COLUMN claimed_until TEXT COLLATE "C";
`,
};
