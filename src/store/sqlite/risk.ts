import { place } from "../common/places.js";
import { RISK_PATCH_COLUMNS, riskContent, toRiskAlert, toRiskEvent } from "../common/risk-records.js";
import type { RiskTx } from "../tx.js";
import type { RiskAlertPatch } from "../types.js";
import type { Row, SqlContext } from "./context.js";
import { nextId } from "./context.js";

/**
 * The risk aggregate on SQLite: alerts, the disclosures and concerns in them, every step taken,
 * and the client's emergency details. The client's words are sealed with the data key.
 */
export function sqliteRisk({ s, c }: SqlContext): RiskTx {
  const events = (sql: string, ...params: unknown[]) =>
    (s(sql).all(...params) as Row[]).map((r) => toRiskEvent(r, c));
  return {
    createRiskAlert: async (alert, at) => {
      const id = nextId(s, "risk_alerts");
      s(
        `INSERT INTO risk_alerts (id, client_id, checkin_id, source, matched, created_at, crisis_sent_at,
           therapist_alerted_at, escalate_at, last_crisis_at, last_notice_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        alert.clientId,
        alert.checkinId,
        alert.source,
        c.seal(JSON.stringify(alert.matched), place("risk_alerts", "matched", id)),
        at,
        at,
        at,
        alert.escalateAt,
        at,
        at,
      );
      return id;
    },
    getRiskAlert: async (id) => {
      const row = s("SELECT * FROM risk_alerts WHERE id = ?").get(id) as Row | undefined;
      return row ? toRiskAlert(row, c) : undefined;
    },
    openRiskAlert: async (clientId) => {
      const row = s(
        "SELECT * FROM risk_alerts WHERE client_id = ? AND acknowledged_at IS NULL ORDER BY id DESC LIMIT 1",
      ).get(clientId) as Row | undefined;
      return row ? toRiskAlert(row, c) : undefined;
    },
    openRiskAlertsOf: async (therapistId) =>
      new Map(
        (
          s(
            `SELECT a.* FROM risk_alerts a JOIN clients cl ON cl.person_id = a.client_id
             WHERE cl.therapist_id = ? AND a.acknowledged_at IS NULL ORDER BY a.id`,
          ).all(therapistId) as Row[]
        ).map((r) => [Number(r.client_id), toRiskAlert(r, c)]),
      ),
    openRiskAlertsFor: async (personId) =>
      (
        s(
          // Two indexed reads joined, not one OR that would scan every alert.
          `SELECT a.* FROM risk_alerts a JOIN clients cl ON cl.person_id = a.client_id
           WHERE cl.therapist_id = ? AND a.acknowledged_at IS NULL
           UNION
           SELECT * FROM risk_alerts WHERE escalated_to = ? AND acknowledged_at IS NULL
           ORDER BY id`,
        ).all(personId, personId) as Row[]
      ).map((r) => toRiskAlert(r, c)),
    acknowledgeRiskAlert: async (id, personId, at) => {
      s(
        `UPDATE risk_alerts SET acknowledged_at = ?, acknowledged_by = ?, update_due_at = NULL, next_repeat_at = NULL
         WHERE id = ? AND acknowledged_at IS NULL`,
      ).run(at, personId, id);
    },
    updateRiskAlert: async (id, patch) => {
      const fields = Object.entries(patch) as [keyof RiskAlertPatch, unknown][];
      if (fields.length === 0) return;
      const sets = fields.map(([field]) => `${RISK_PATCH_COLUMNS[field]} = ?`).join(", ");
      s(`UPDATE risk_alerts SET ${sets} WHERE id = ?`).run(...fields.map(([, v]) => v ?? null), id);
    },
    dueRiskAlerts: async (now) =>
      (
        s(
          // Through the index of open alerts: the planner would otherwise read every alert ever
          // raised, every 15 seconds, to find the few still open.
          `SELECT * FROM risk_alerts INDEXED BY risk_alerts_open WHERE acknowledged_at IS NULL AND (
             (escalated_at IS NULL AND escalate_at <= ?) OR next_repeat_at <= ? OR update_due_at <= ?)
           ORDER BY id`,
        ).all(now, now, now) as Row[]
      ).map((r) => toRiskAlert(r, c)),
    recordRiskStep: async (alertId, step, personId, at) => {
      s("INSERT INTO risk_steps (alert_id, step, person_id, at) VALUES (?, ?, ?, ?)").run(
        alertId,
        step,
        personId,
        at,
      );
    },
    riskSteps: async (alertId) =>
      (
        s("SELECT step, person_id, at FROM risk_steps WHERE alert_id = ? ORDER BY id").all(alertId) as Row[]
      ).map((r) => ({
        step: String(r.step),
        personId: r.person_id === null ? null : Number(r.person_id),
        at: String(r.at),
      })),
    addRiskEvent: async (e) => {
      const id = nextId(s, "risk_events");
      const question = e.safetyAnswer === "pending" || e.safetyAnswer === "reasked" ? e.safetyAnswer : null;
      s(
        `INSERT INTO risk_events (id, client_id, alert_id, checkin_id, tier, source, content, language,
           safety_question, safety_answer, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
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
      );
      return id;
    },
    firstRiskEvent: async (clientId, alertId) =>
      events(
        "SELECT * FROM risk_events WHERE client_id = ? AND alert_id = ? ORDER BY id LIMIT 1",
        clientId,
        alertId,
      )[0],
    riskEvents: async (clientId, filter = {}) => {
      if (filter.alertId !== undefined) {
        return events(
          "SELECT * FROM risk_events WHERE client_id = ? AND alert_id = ? AND id > ? ORDER BY id",
          clientId,
          filter.alertId,
          filter.afterId ?? 0,
        );
      }
      if (filter.checkinId !== undefined) {
        return events(
          "SELECT * FROM risk_events WHERE client_id = ? AND checkin_id = ? ORDER BY id",
          clientId,
          filter.checkinId,
        );
      }
      return events(
        "SELECT * FROM risk_events WHERE client_id = ? AND id > ? ORDER BY id",
        clientId,
        filter.afterId ?? 0,
      );
    },
    pendingConcern: async (clientId) =>
      events(
        "SELECT * FROM risk_events WHERE client_id = ? AND safety_question IN ('pending', 'reasked') ORDER BY id DESC LIMIT 1",
        clientId,
      )[0],
    latestConcern: async (clientId) =>
      events(
        "SELECT * FROM risk_events WHERE client_id = ? AND safety_question IS NOT NULL ORDER BY id DESC LIMIT 1",
        clientId,
      )[0],
    lapsedConcerns: async (before) =>
      events(
        "SELECT * FROM risk_events WHERE safety_question IN ('pending', 'reasked') AND at < ? ORDER BY id",
        before,
      ),
    markConcernTold: async (eventId, at) => {
      s("UPDATE risk_events SET told_at = ? WHERE id = ?").run(at, eventId);
    },
    answerConcern: async (eventId, answer) => {
      // Whether the question still waits is kept readable; the answer itself is sealed.
      if (answer === "reasked") {
        s("UPDATE risk_events SET safety_question = ?, safety_answer = NULL WHERE id = ?").run(
          answer,
          eventId,
        );
      } else {
        s("UPDATE risk_events SET safety_question = 'answered', safety_answer = ? WHERE id = ?").run(
          c.seal(answer, place("risk_events", "safety_answer", eventId)),
          eventId,
        );
      }
    },
    extendConcern: async (eventId, words, text) => {
      const [event] = events("SELECT * FROM risk_events WHERE id = ?", eventId);
      if (!event) return;
      s("UPDATE risk_events SET content = ? WHERE id = ?").run(
        c.seal(riskContent({ ...event, words, text }), place("risk_events", "content", eventId)),
        eventId,
      );
    },
    keepUnclearAnswer: async (eventId, words) => {
      const [event] = events("SELECT * FROM risk_events WHERE id = ?", eventId);
      if (!event) return;
      s("UPDATE risk_events SET content = ? WHERE id = ?").run(
        c.seal(riskContent({ ...event, answerWords: words }), place("risk_events", "content", eventId)),
        eventId,
      );
    },
    setEmergencyContact: async (clientId, text) => {
      s("UPDATE clients SET emergency_contact = ? WHERE person_id = ?").run(
        text === null ? null : c.seal(text, place("clients", "emergency_contact", clientId)),
        clientId,
      );
    },
    emergencyContact: async (clientId) => {
      const row = s("SELECT emergency_contact AS text FROM clients WHERE person_id = ?").get(clientId) as
        | { text: string | null }
        | undefined;
      return row?.text ? c.open(row.text, place("clients", "emergency_contact", clientId)) : null;
    },
    setResumeQuestion: async (clientId, on) => {
      s("UPDATE clients SET resume_question = ? WHERE person_id = ?").run(on ? 1 : 0, clientId);
    },
  };
}
