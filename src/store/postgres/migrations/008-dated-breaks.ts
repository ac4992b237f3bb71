import type { Migration } from "../../sqlite/migrations/migration.js";

/** SQLite's version 8, with the text of times compared byte by byte, as every time column here. */
export const V8: Migration = {
  version: 8,
  name: "a client's break with an end",
  sql: `
ALTER TABLE clients ADD COLUMN paused_until TEXT COLLATE "C";
CREATE INDEX clients_paused_until ON clients(paused_until) WHERE paused_until IS NOT NULL;
`,
};
