import type { Migration } from "./migration.js";

export const V2: Migration = {
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
};
