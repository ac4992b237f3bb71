import type { ClinicStatus } from "../types.js";

/**
 * `rapport status` in one statement, the same SQL in both stores. A client counts as discharged
 * when their therapist ended their latest episode (`discharge ALIAS` leaves the status active, and
 * a later check-in opens a new episode, active again), as the caseload lists them; or by a status
 * of discharged or declined. The clients are read whole, once per command.
 */
export const CLINIC_STATUS = `SELECT
  (SELECT COUNT(*) FROM people WHERE role = 'therapist') AS therapists,
  COUNT(c.status) FILTER (WHERE c.status = 'active' AND NOT c.ended AND c.paused_at IS NULL) AS active,
  COUNT(c.status) FILTER (WHERE c.status = 'active' AND NOT c.ended AND c.paused_at IS NOT NULL) AS paused,
  COUNT(c.status) FILTER (WHERE c.status IN ('invited', 'joining')) AS joining,
  COUNT(c.status) FILTER (WHERE c.status IN ('discharged', 'declined') OR (c.status = 'active' AND c.ended)) AS discharged,
  (SELECT COUNT(*) FROM checkins WHERE status = 'open') AS open_checkins,
  (SELECT COUNT(*) FROM risk_alerts WHERE acknowledged_at IS NULL) AS open_alerts,
  (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS queued,
  (SELECT COUNT(*) FROM outbox WHERE status = 'failed') AS failed
FROM (
  SELECT cl.status, cl.paused_at,
    COALESCE((SELECT e.ended_at IS NOT NULL FROM episodes e WHERE e.client_id = cl.person_id ORDER BY e.id DESC LIMIT 1), FALSE) AS ended
  FROM clients cl
) c`;

/** The row of CLINIC_STATUS as the store's answer (counts may come as strings from PostgreSQL). */
export function toClinicStatus(row: Record<string, unknown> | undefined): ClinicStatus {
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    therapists: n("therapists"),
    clients: { active: n("active"), paused: n("paused"), joining: n("joining"), discharged: n("discharged") },
    openCheckins: n("open_checkins"),
    openAlerts: n("open_alerts"),
    queued: n("queued"),
    failed: n("failed"),
  };
}
