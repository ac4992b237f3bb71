import type { Migration } from "../../sqlite/migrations/migration.js";

/**
 * The indexes of SQLite's version 7 (src/store/sqlite/migrations/007-indexes-for-a-clinic-group.ts)
 * that PostgreSQL's schema did not have yet; its version 5 already indexed check-ins by episode,
 * the outbox by person and by the client a message is about, and wrong-code attempts by time.
 */
export const V7: Migration = {
  version: 7,
  name: "indexes for a clinic group's tables",
  sql: `
-- rapport status counts the messages given up.
CREATE INDEX outbox_failed ON outbox(channel) WHERE status = 'failed';

-- The timed steps, every 15 seconds: schedules that fell due, concerns whose safety question
-- has waited too long.
CREATE INDEX schedules_after ON schedules(next_after_at);
CREATE INDEX schedules_before ON schedules(next_before_at) WHERE next_before_at IS NOT NULL;
CREATE INDEX risk_events_waiting ON risk_events(safety_question, at);

-- Therapists among the people: found by name whatever its case, listed, sent digests.
CREATE INDEX people_therapists ON people(lower(name)) WHERE role = 'therapist';
-- A client found by alias across caseloads (rapport client move).
CREATE INDEX clients_alias ON clients(alias);

-- Deleting a person, an episode or a check-in finds the rows that point at it (ON DELETE): every
-- foreign key's column leads an index (test/store/query-plans.test.ts checks it).
CREATE INDEX risk_events_checkin ON risk_events(checkin_id) WHERE checkin_id IS NOT NULL;
CREATE INDEX risk_alerts_checkin ON risk_alerts(checkin_id) WHERE checkin_id IS NOT NULL;
CREATE INDEX risk_alerts_acknowledged_by ON risk_alerts(acknowledged_by) WHERE acknowledged_by IS NOT NULL;
CREATE INDEX risk_alerts_escalated_to ON risk_alerts(escalated_to) WHERE escalated_to IS NOT NULL;
CREATE INDEX risk_steps_person ON risk_steps(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX warnings_episode ON warnings(episode_id);
CREATE INDEX warnings_checkin ON warnings(checkin_id) WHERE checkin_id IS NOT NULL;
CREATE INDEX warnings_fit ON warnings(fit_id) WHERE fit_id IS NOT NULL;
CREATE INDEX jobs_checkin ON jobs(checkin_id) WHERE checkin_id IS NOT NULL;
`,
};
