import type { Migration } from "./migration.js";

/**
 * The indexes of version 7 that both stores take. PostgreSQL's version 5 already had the ones
 * only SQLite's 7 adds (below), so its 7 is these alone (src/store/postgres/migrations/007-…).
 */
export const V7_BOTH_STORES = `
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
`;

/**
 * Indexes for what a clinic group's file holds: a million check-ins, an outbox of every message
 * ever sent, a hundred thousand schedules. Each one turns a statement that read a whole table
 * into one that reads its own rows (test/store/query-plans.test.ts holds every statement of the
 * store to that). Building them on an existing file reads each table once, at the upgrade.
 */
export const V7: Migration = {
  version: 7,
  name: "indexes for a clinic group's tables",
  sql: `
-- Starting a check-in numbers it within its episode; ending an episode counts and cancels its
-- check-ins; erasing a client deletes its episodes, whose check-ins cascade.
CREATE INDEX checkins_episode ON checkins(episode_id);

-- Erasing a person deletes the messages sent to them (ON DELETE CASCADE) and unlinks the
-- messages that were about them. Sent rows stay in the outbox, so without these each erasure
-- read every message the clinic ever sent.
CREATE INDEX outbox_person ON outbox(person_id);
CREATE INDEX outbox_about ON outbox(about_person_id) WHERE about_person_id IS NOT NULL;

-- Forgetting wrong-code attempts older than a day.
CREATE INDEX code_attempts_at ON code_attempts(at);
${V7_BOTH_STORES}`,
};
