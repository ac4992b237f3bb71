import type { Migration } from "./migration.js";

export const V1: Migration = {
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
};
