import { place } from "../common/places.js";
import { RISK_PATCH_COLUMNS, riskContent, toRiskAlert, toRiskEvent } from "../common/risk-records.js";
import type { RiskTx } from "../tx.js";
import type { RiskAlertPatch } from "../types.js";
import { nextId, type PgContext } from "./context.js";

/**
 * The risk aggregate on PostgreSQL: alerts, the disclosures and concerns in them, every step
 * taken, and the client's emergency details. The client's words are sealed with the data key.
 */
export function pgRisk(q: PgContext): RiskTx {
  const { c } = q;
  const events = async (sql: string, params: unknown[]) =>
    (await q.all(sql, params)).map((r) => toRiskEvent(r, c));
  const alerts = async (sql: string, params: unknown[]) =>
    (await q.all(sql, params)).map((r) => toRiskAlert(r, c));
  return {
    createRiskAlert: async (alert, at) => {
      const id = await nextId(q, "risk_alerts");
      await q.run(
        `INSERT INTO risk_alerts (id, client_id, checkin_id, source, matched, created_at, crisis_sent_at,
           therapist_alerted_at, escalate_at, last_crisis_at, last_notice_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $6, $7, $6, $6)`,
        [
          id,
          alert.clientId,
          alert.checkinId,
          alert.source,
          c.seal(JSON.stringify(alert.matched), place("risk_alerts", "matched", id)),
          at,
          alert.escalateAt,
        ],
      );
      return id;
    },
    getRiskAlert: async (id) => (await alerts("SELECT * FROM risk_alerts WHERE id = $1", [id]))[0],
    openRiskAlert: async (clientId) =>
      (
        await alerts(
          "SELECT * FROM risk_alerts WHERE client_id = $1 AND acknowledged_at IS NULL ORDER BY id DESC LIMIT 1",
          [clientId],
        )
      )[0],
    openRiskAlertsOf: async (therapistId) =>
      new Map(
        (
          await alerts(
            `SELECT a.* FROM risk_alerts a JOIN clients cl ON cl.person_id = a.client_id
             WHERE cl.therapist_id = $1 AND a.acknowledged_at IS NULL ORDER BY a.id`,
            [therapistId],
          )
        ).map((a) => [a.clientId, a]),
      ),
    openRiskAlertsFor: (personId) =>
      alerts(
        `SELECT a.* FROM risk_alerts a JOIN clients cl ON cl.person_id = a.client_id
         WHERE (cl.therapist_id = $1 OR a.escalated_to = $1) AND a.acknowledged_at IS NULL ORDER BY a.id`,
        [personId],
      ),
    acknowledgeRiskAlert: async (id, personId, at) => {
      await q.run(
        `UPDATE risk_alerts SET acknowledged_at = $1, acknowledged_by = $2, update_due_at = NULL, next_repeat_at = NULL
         WHERE id = $3 AND acknowledged_at IS NULL`,
        [at, personId, id],
      );
    },
    updateRiskAlert: async (id, patch) => {
      const fields = Object.entries(patch) as [keyof RiskAlertPatch, unknown][];
      if (fields.length === 0) return;
      const sets = fields.map(([field], i) => `${RISK_PATCH_COLUMNS[field]} = $${i + 1}`).join(", ");
      await q.run(`UPDATE risk_alerts SET ${sets} WHERE id = $${fields.length + 1}`, [
        ...fields.map(([, v]) => v ?? null),
        id,
      ]);
    },
    dueRiskAlerts: async (now) =>
      alerts(
        `SELECT * FROM risk_alerts WHERE acknowledged_at IS NULL AND (
           (escalated_at IS NULL AND escalate_at <= $1) OR next_repeat_at <= $1 OR update_due_at <= $1)
         ORDER BY id`,
        [now],
      ),
    recordRiskStep: async (alertId, step, personId, at) => {
      await q.run("INSERT INTO risk_steps (alert_id, step, person_id, at) VALUES ($1, $2, $3, $4)", [
        alertId,
        step,
        personId,
        at,
      ]);
    },
    riskSteps: async (alertId) =>
      (
        await q.all("SELECT step, person_id, at FROM risk_steps WHERE alert_id = $1 ORDER BY id", [alertId])
      ).map((r) => ({
        step: String(r.step),
        personId: r.person_id === null ? null : Number(r.person_id),
        at: String(r.at),
      })),
    addRiskEvent: async (e) => {
      const id = await nextId(q, "risk_events");
      const question = e.safetyAnswer === "pending" || e.safetyAnswer === "reasked" ? e.safetyAnswer : null;
      await q.run(
        `INSERT INTO risk_events (id, client_id, alert_id, checkin_id, tier, source, content, language,
           safety_question, safety_answer, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          e.clientId,
          e.alertId,
          e.checkinId,
          e.tier,
          e.source,
          c.seal(riskContent(e), place("risk_events", "content", id)),
          e.language,
          question ?? (e.safetyAnswer === null ? null : "answered"),
          question || e.safetyAnswer === null
            ? null
            : c.seal(e.safetyAnswer, place("risk_events", "safety_answer", id)),
          e.at,
        ],
      );
      return id;
    },
    firstRiskEvent: async (clientId, alertId) =>
      (
        await events("SELECT * FROM risk_events WHERE client_id = $1 AND alert_id = $2 ORDER BY id LIMIT 1", [
          clientId,
          alertId,
        ])
      )[0],
    riskEvents: async (clientId, filter = {}) => {
      if (filter.alertId !== undefined) {
        return events(
          "SELECT * FROM risk_events WHERE client_id = $1 AND alert_id = $2 AND id > $3 ORDER BY id",
          [clientId, filter.alertId, filter.afterId ?? 0],
        );
      }
      if (filter.checkinId !== undefined) {
        return events("SELECT * FROM risk_events WHERE client_id = $1 AND checkin_id = $2 ORDER BY id", [
          clientId,
          filter.checkinId,
        ]);
      }
      return events("SELECT * FROM risk_events WHERE client_id = $1 AND id > $2 ORDER BY id", [
        clientId,
        filter.afterId ?? 0,
      ]);
    },
    pendingConcern: async (clientId) =>
      (
        await events(
          "SELECT * FROM risk_events WHERE client_id = $1 AND safety_question IN ('pending', 'reasked') ORDER BY id DESC LIMIT 1",
          [clientId],
        )
      )[0],
    latestConcern: async (clientId) =>
      (
        await events(
          "SELECT * FROM risk_events WHERE client_id = $1 AND safety_question IS NOT NULL ORDER BY id DESC LIMIT 1",
          [clientId],
        )
      )[0],
    lapsedConcerns: async (before) =>
      events(
        "SELECT * FROM risk_events WHERE safety_question IN ('pending', 'reasked') AND at < $1 ORDER BY id",
        [before],
      ),
    markConcernTold: async (eventId, at) => {
      await q.run("UPDATE risk_events SET told_at = $1 WHERE id = $2", [at, eventId]);
    },
    answerConcern: async (eventId, answer) => {
      // Whether the question still waits is kept readable; the answer itself is sealed.
      if (answer === "reasked") {
        await q.run("UPDATE risk_events SET safety_question = $1, safety_answer = NULL WHERE id = $2", [
          answer,
          eventId,
        ]);
      } else {
        await q.run("UPDATE risk_events SET safety_question = 'answered', safety_answer = $1 WHERE id = $2", [
          c.seal(answer, place("risk_events", "safety_answer", eventId)),
          eventId,
        ]);
      }
    },
    extendConcern: async (eventId, words, text) => {
      const [event] = await events("SELECT * FROM risk_events WHERE id = $1", [eventId]);
      if (!event) return;
      await q.run("UPDATE risk_events SET content = $1 WHERE id = $2", [
        c.seal(riskContent({ ...event, words, text }), place("risk_events", "content", eventId)),
        eventId,
      ]);
    },
    keepUnclearAnswer: async (eventId, words) => {
      const [event] = await events("SELECT * FROM risk_events WHERE id = $1", [eventId]);
      if (!event) return;
      await q.run("UPDATE risk_events SET content = $1 WHERE id = $2", [
        c.seal(riskContent({ ...event, answerWords: words }), place("risk_events", "content", eventId)),
        eventId,
      ]);
    },
    setEmergencyContact: async (clientId, text) => {
      await q.run("UPDATE clients SET emergency_contact = $1 WHERE person_id = $2", [
        text === null ? null : c.seal(text, place("clients", "emergency_contact", clientId)),
        clientId,
      ]);
    },
    emergencyContact: async (clientId) => {
      const row = await q.get<{ text: string | null }>(
        "SELECT emergency_contact AS text FROM clients WHERE person_id = $1",
        [clientId],
      );
      return row?.text ? c.open(row.text, place("clients", "emergency_contact", clientId)) : null;
    },
    setResumeQuestion: async (clientId, on) => {
      await q.run("UPDATE clients SET resume_question = $1 WHERE person_id = $2", [on, clientId]);
    },
  };
}
