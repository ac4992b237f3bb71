/**
 * Schema versions, applied in order at start-up and by `rapport migrate`. Never edit a
 * migration that has shipped; add the next one.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "check-in loop",
    sql: `
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('therapist', 'client')),
  name TEXT NOT NULL,
  locale TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE identities (
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  locale TEXT,
  time_zone TEXT,
  last_seen_at TEXT NOT NULL,
  unreachable_at TEXT,
  PRIMARY KEY (channel, external_id)
);
CREATE INDEX identities_person ON identities(person_id, last_seen_at);

CREATE TABLE clients (
  person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  therapist_id INTEGER NOT NULL REFERENCES people(id),
  alias TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('invited', 'joining', 'active', 'declined', 'discharged')),
  -- years; NULL counts as adult for the clinical cutoff
  age INTEGER CHECK (age IS NULL OR (age >= 6 AND age <= 120)),
  -- IANA zone set by the therapist; else the platform's, else the clinic's
  time_zone TEXT,
  -- set while the client has paused check-ins (they typed stop)
  paused_at TEXT,
  -- set when the client typed forget, until they confirm or cancel
  forget_requested_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (therapist_id, alias)
);

CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  choice TEXT NOT NULL CHECK (choice IN ('given', 'declined')),
  at TEXT NOT NULL
);
CREATE INDEX consents_client ON consents(client_id);

CREATE TABLE codes (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('link', 'invite')),
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX codes_person ON codes(person_id, kind);

CREATE TABLE episodes (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX episodes_client ON episodes(client_id, id);

CREATE TABLE checkins (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled', 'expired')),
  step INTEGER NOT NULL DEFAULT 0,
  plan TEXT NOT NULL,
  comment TEXT,
  -- the clinical assessment at completion (JSON), kept so every summary can be explained later
  assessment TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX checkins_client ON checkins(client_id, status, id);
-- at most one open check-in per client
CREATE UNIQUE INDEX checkins_one_open ON checkins(client_id) WHERE status = 'open';

CREATE TABLE answers (
  checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
  instrument TEXT NOT NULL,
  item TEXT NOT NULL,
  value REAL NOT NULL CHECK (value >= 0 AND value <= 10),
  answered_at TEXT NOT NULL,
  PRIMARY KEY (checkin_id, instrument, item)
) WITHOUT ROWID;

-- Trajectory parameters fitted on the clinic's own episodes and applied (rapport calibrate --apply).
-- Never updated or deleted: each warning names the fit in force when it was made.
CREATE TABLE trajectory_fits (
  id INTEGER PRIMARY KEY,
  b0 REAL NOT NULL,
  b1 REAL NOT NULL,
  sigma REAL NOT NULL,
  episodes INTEGER NOT NULL,
  points INTEGER NOT NULL,
  fitted_at TEXT NOT NULL
);

-- Every warning rule that applied at a completed check-in, sent or held back as a repeat.
CREATE TABLE warnings (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  severity REAL NOT NULL,
  sent INTEGER NOT NULL CHECK (sent IN (0, 1)),
  -- NULL: the default trajectory was in force
  fit_id INTEGER REFERENCES trajectory_fits(id),
  created_at TEXT NOT NULL
);
CREATE INDEX warnings_episode ON warnings(episode_id, rule);

-- A risk disclosure and every step taken on it, with its time.
CREATE TABLE risk_alerts (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  checkin_id INTEGER REFERENCES checkins(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('safety_question', 'free_text')),
  -- the risk phrases that matched (JSON list), for free text
  matched TEXT,
  created_at TEXT NOT NULL,
  crisis_sent_at TEXT NOT NULL,
  therapist_alerted_at TEXT NOT NULL,
  escalate_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
  escalated_at TEXT,
  escalated_to INTEGER REFERENCES people(id) ON DELETE SET NULL,
  escalation_note TEXT
);
CREATE INDEX risk_alerts_due ON risk_alerts(escalate_at) WHERE acknowledged_at IS NULL AND escalation_note IS NULL;
CREATE INDEX risk_alerts_client ON risk_alerts(client_id);

-- A client's weekly session; the next due times are stored, so a restart loses none.
CREATE TABLE schedules (
  client_id INTEGER PRIMARY KEY REFERENCES clients(person_id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  time TEXT NOT NULL,
  duration_min INTEGER NOT NULL,
  plan TEXT NOT NULL CHECK (plan IN ('after', 'split')),
  next_after_at TEXT NOT NULL,
  next_before_at TEXT,
  created_at TEXT NOT NULL
);

-- Steps that fall due at a time: a check-in after a session, a reminder, an expiry.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('checkin', 'alliance', 'progress', 'reminder', 'expire')),
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  checkin_id INTEGER REFERENCES checkins(id) ON DELETE CASCADE,
  due_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
  note TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT
);
CREATE INDEX jobs_due ON jobs(due_at) WHERE status = 'pending';
CREATE INDEX jobs_client ON jobs(client_id);

-- Holidays set by the therapist: check-ins that fall due on these local dates are skipped.
CREATE TABLE pauses (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX pauses_client ON pauses(client_id);

CREATE TABLE digests (
  therapist_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  last_sent_at TEXT NOT NULL
);

-- What happened, without content and without anything that leads back to a person.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  event TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);

-- Wrong codes per sender (a keyed hash of channel and user, never the id itself), for the
-- limit of 5 an hour.
CREATE TABLE code_attempts (
  sender_hash TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX code_attempts_sender ON code_attempts(sender_hash, at);

CREATE TABLE inbound_events (
  channel TEXT NOT NULL,
  event_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (channel, event_id)
) WITHOUT ROWID;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
  -- the client a message to a therapist is about: erasing the client removes it while pending
  about_person_id INTEGER,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  address TEXT NOT NULL,
  message TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(channel, next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_recipient ON outbox(channel, external_id, id) WHERE status = 'pending';
`,
  },
  {
    version: 2,
    name: "risk path: two tiers, one open alert per client, escalation until acknowledged",
    sql: `
-- Every disclosure or concern, with the client's words (sealed), attached to the client's open
-- alert when it is one; concerns carry the answer to the safety question asked about them.
CREATE TABLE risk_events (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(person_id) ON DELETE CASCADE,
  alert_id INTEGER REFERENCES risk_alerts(id) ON DELETE CASCADE,
  checkin_id INTEGER REFERENCES checkins(id) ON DELETE SET NULL,
  -- message: what the client wrote while an alert was open, passed on with it
  tier TEXT NOT NULL CHECK (tier IN ('disclosure', 'concern', 'message')),
  source TEXT NOT NULL CHECK (source IN ('free_text', 'safety_question')),
  -- JSON {words: [...], text: "..."}, sealed with the data key
  content TEXT,
  language TEXT,
  -- pending: asked; reasked: asked again after an unclear answer
  safety_answer TEXT CHECK (safety_answer IN ('pending', 'reasked', 'yes', 'no', 'none')),
  at TEXT NOT NULL
);
CREATE INDEX risk_events_client ON risk_events(client_id, id);
CREATE INDEX risk_events_alert ON risk_events(alert_id);

-- Every step taken on an alert: crisis message, therapist alerted, added to, update, escalated,
-- repeated, acknowledged.
CREATE TABLE risk_steps (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES risk_alerts(id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  at TEXT NOT NULL
);
CREATE INDEX risk_steps_alert ON risk_steps(alert_id);

ALTER TABLE risk_alerts ADD COLUMN last_crisis_at TEXT;
ALTER TABLE risk_alerts ADD COLUMN last_notice_at TEXT;
ALTER TABLE risk_alerts ADD COLUMN notified_through INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risk_alerts ADD COLUMN update_due_at TEXT;
ALTER TABLE risk_alerts ADD COLUMN next_repeat_at TEXT;
ALTER TABLE risk_alerts ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
CREATE INDEX risk_alerts_open ON risk_alerts(client_id) WHERE acknowledged_at IS NULL;
UPDATE risk_alerts SET last_crisis_at = crisis_sent_at, last_notice_at = therapist_alerted_at;
-- Alerts of the earlier version: their matched words become an event, so summaries show them;
-- one already escalated and not acknowledged is repeated from now on.
INSERT INTO risk_events (client_id, alert_id, checkin_id, tier, source, content, language, safety_answer, at)
  SELECT client_id, id, checkin_id, 'disclosure', source,
    json_object('words', json(COALESCE(matched, '[]')), 'text', ''), NULL, NULL, created_at
  FROM risk_alerts;
UPDATE risk_alerts SET next_repeat_at = escalated_at
  WHERE acknowledged_at IS NULL AND escalated_at IS NOT NULL;
-- Closed silently by the earlier version for want of an on-call contact: due again, to the therapist.
UPDATE risk_alerts SET escalation_note = NULL
  WHERE acknowledged_at IS NULL AND escalated_at IS NULL;

-- Emergency details a therapist recorded (contact ALIAS TEXT), sealed; and whether the open
-- check-in's question is shown again at the client's next message (after a crisis message).
ALTER TABLE clients ADD COLUMN emergency_contact TEXT;
ALTER TABLE clients ADD COLUMN resume_question INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
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
  },
  {
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
  },
];
