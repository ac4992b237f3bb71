import type { Migration } from "../../sqlite/migrations/migration.js";

/** SQLite's version 9, with the text of times compared byte by byte, as every time column here. */
export const V9: Migration = {
  version: 9,
  name: "a break offered to a client, and a late safety answer to confirm",
  sql: `
ALTER TABLE clients ADD COLUMN break_offered_at TEXT COLLATE "C";
ALTER TABLE clients ADD COLUMN break_offered_until TEXT COLLATE "C";
ALTER TABLE clients ADD COLUMN safety_confirm_at TEXT COLLATE "C";
`,
};
