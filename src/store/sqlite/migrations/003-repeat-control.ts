import type { Migration } from "./migration.js";

export const V3: Migration = {
  version: 3,
  name: "repeat control per rule and episode; summary style per therapist",
  sql: `
-- Per warning rule and episode: whether it applied at the last check-in that measured it, and
-- the score and check-in of its last warning (CLINICAL.md, "What the therapist receives").
CREATE TABLE rule_states (
  episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  warned_value REAL,
  warned_seq INTEGER,
  PRIMARY KEY (episode_id, rule)
) WITHOUT ROWID;

-- A therapist's choice of summaries: compact (headline and warnings) or full; NULL: the clinic's.
ALTER TABLE people ADD COLUMN summaries TEXT CHECK (summaries IN ('compact', 'full'));
`,
};
