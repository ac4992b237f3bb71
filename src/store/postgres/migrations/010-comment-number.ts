import type { Migration } from "../../sqlite/migrations/migration.js";

/** SQLite's version 10, with the text of times compared byte by byte, as every time column here. */
export const V10: Migration = {
  version: 10,
  name: "a lone number at the comment, asked about once",
  sql: `
ALTER TABLE checkins ADD COLUMN comment_number_asked_at TEXT COLLATE "C";
`,
};
