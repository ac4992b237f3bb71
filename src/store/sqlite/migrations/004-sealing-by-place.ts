import type { Migration } from "./migration.js";

export const V4: Migration = {
  version: 4,
  name: "sealing bound to place; answers, assessments, warnings and repeat control sealable; inbound ids hashed",
  sql: `
-- Whether the fields are sealed, with which key, in which form (2: bound to their place), and the
-- database's own random secret (the salt of every derived key; the key of hashes without a data
-- key). One row, written by the store when it opens the file.
CREATE TABLE sealing (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key_id TEXT,
  format INTEGER NOT NULL,
  secret TEXT NOT NULL
);

-- An answer's value is a number, or its sealed text.
CREATE TABLE answers_v4 (
  checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
  instrument TEXT NOT NULL,
  item TEXT NOT NULL,
  value NOT NULL CHECK (typeof(value) = 'text' OR (value >= 0 AND value <= 10)),
  answered_at TEXT NOT NULL,
  PRIMARY KEY (checkin_id, instrument, item)
) WITHOUT ROWID;
INSERT INTO answers_v4 SELECT checkin_id, instrument, item, value, answered_at FROM answers;
DROP TABLE answers;
ALTER TABLE answers_v4 RENAME TO answers;

-- A warning's rule and score, sealed with the data key.
CREATE TABLE warnings_v4 (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  severity NOT NULL,
  sent INTEGER NOT NULL CHECK (sent IN (0, 1)),
  fit_id INTEGER REFERENCES trajectory_fits(id),
  created_at TEXT NOT NULL
);
INSERT INTO warnings_v4 SELECT id, client_id, episode_id, checkin_id, rule, severity, sent, fit_id, created_at FROM warnings;
DROP TABLE warnings;
ALTER TABLE warnings_v4 RENAME TO warnings;
CREATE INDEX warnings_client ON warnings(client_id, created_at);

-- Repeat control: whether the rule applied and the score and check-in of its last warning, as one
-- JSON value {active, warnedValue, warnedSeq}, sealed with the data key.
CREATE TABLE rule_states_v4 (
  episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (episode_id, rule)
) WITHOUT ROWID;
INSERT INTO rule_states_v4 SELECT episode_id, rule,
  json_object('active', json(CASE active WHEN 1 THEN 'true' ELSE 'false' END),
    'warnedValue', warned_value, 'warnedSeq', warned_seq)
  FROM rule_states;
DROP TABLE rule_states;
ALTER TABLE rule_states_v4 RENAME TO rule_states;

-- A concern's safety question: whether it waits for an answer stays readable (the next message
-- is read as the answer); the answer itself moves to a column that is sealed with the data key.
CREATE TABLE risk_events_v4 (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  alert_id INTEGER REFERENCES risk_alerts(id) ON DELETE CASCADE,
  checkin_id INTEGER REFERENCES checkins(id) ON DELETE SET NULL,
  tier TEXT NOT NULL CHECK (tier IN ('disclosure', 'concern', 'message')),
  source TEXT NOT NULL CHECK (source IN ('free_text', 'safety_question')),
  content TEXT,
  language TEXT,
  safety_question TEXT CHECK (safety_question IN ('pending', 'reasked', 'answered')),
  safety_answer TEXT,
  at TEXT NOT NULL,
  -- when the therapist was told of a concern that no check-in summary reports
  told_at TEXT
);
INSERT INTO risk_events_v4 SELECT id, client_id, alert_id, checkin_id, tier, source, content, language,
  CASE WHEN safety_answer IN ('pending', 'reasked') THEN safety_answer
       WHEN safety_answer IS NULL THEN NULL ELSE 'answered' END,
  CASE WHEN safety_answer IN ('yes', 'no', 'none') THEN safety_answer END,
  at, NULL
  FROM risk_events;
DROP TABLE risk_events;
ALTER TABLE risk_events_v4 RENAME TO risk_events;
CREATE INDEX risk_events_client ON risk_events(client_id, id);
CREATE INDEX risk_events_alert ON risk_events(alert_id);

-- Inbound event ids are stored as keyed hashes, and kept one day (the platforms' redelivery
-- window), not for ever.
CREATE INDEX inbound_events_received ON inbound_events(received_at);

-- A therapist's "discharge ALIAS --erase" waiting for its confirmation.
ALTER TABLE clients ADD COLUMN erase_requested_at TEXT;

-- The digest before the last: a queued digest withdrawn by an erasure is made again from there.
ALTER TABLE digests ADD COLUMN previous_sent_at TEXT;
`,
};
