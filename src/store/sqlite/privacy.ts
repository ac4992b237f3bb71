import { answerValue, CLIENTS, clientName, instrumentsOf, toCheckin, toSchedule } from "../common/records.js";
import type { PrivacyTx } from "../tx.js";
import type { Answer, ClientData, ClientStatus } from "../types.js";
import type { Row, SqlContext } from "./context.js";
import { sqliteRisk } from "./risk.js";

/** Replay protection and code attempts (keyed hashes, pruned), a client's own data, and erasure. */
export function sqlitePrivacy(context: SqlContext): PrivacyTx {
  const { s, c, wal } = context;
  // A client's own data includes their risk events and emergency contact, read as the risk part reads them.
  const risk = sqliteRisk(context);
  return {
    // A keyed hash of the event id: a Slack press's id carries the presser's user id.
    recordInbound: async (channel, eventId, at) =>
      s("INSERT OR IGNORE INTO inbound_events (channel, event_id, received_at) VALUES (?, ?, ?)").run(
        channel,
        c.digest("inbound-events", `${channel}:${eventId}`),
        at,
      ).changes === 1,
    recordCodeAttempt: async (sender, at) => {
      s("INSERT INTO code_attempts (sender_hash, at) VALUES (?, ?)").run(
        c.digest("code-attempts", sender),
        at,
      );
    },
    codeAttemptsSince: async (sender, since) =>
      (
        s("SELECT COUNT(*) AS n FROM code_attempts WHERE sender_hash = ? AND at > ?").get(
          c.digest("code-attempts", sender),
          since,
        ) as { n: number }
      ).n,
    pruneSeen: async (before) => {
      s("DELETE FROM inbound_events WHERE received_at < ?").run(before);
      s("DELETE FROM code_attempts WHERE at < ?").run(before);
    },
    setForgetRequested: async (clientId, at) => {
      s("UPDATE clients SET forget_requested_at = ? WHERE person_id = ?").run(at, clientId);
    },
    forgetRequestedAt: async (clientId) =>
      (
        s("SELECT forget_requested_at AS at FROM clients WHERE person_id = ?").get(clientId) as
          | { at: string | null }
          | undefined
      )?.at ?? null,
    setEraseRequested: async (clientId, at) => {
      s("UPDATE clients SET erase_requested_at = ? WHERE person_id = ?").run(at, clientId);
    },
    eraseRequestOf: async (therapistId) => {
      const row = s(
        `SELECT person_id AS clientId, erase_requested_at AS at FROM clients
         WHERE therapist_id = ? AND erase_requested_at IS NOT NULL ORDER BY erase_requested_at DESC LIMIT 1`,
      ).get(therapistId) as { clientId: number; at: string } | undefined;
      return row;
    },
    eraseClient: async (clientId, actor, at) => {
      // Every row about the client or to them, sent and failed ones too: their times and priority
      // alone would date what happened (an urgent alert at the minute of a disclosure).
      s("DELETE FROM outbox WHERE about_person_id = ? OR person_id = ?").run(clientId, clientId);
      // Queued caseload messages (a digest, a reply to `clients`) name every client of the
      // therapist: withdrawn, and a withdrawn digest is made again without the client.
      const therapist = s("SELECT therapist_id AS id FROM clients WHERE person_id = ?").get(clientId) as
        | { id: number }
        | undefined;
      if (therapist) {
        const withdrawn = s(
          `DELETE FROM outbox WHERE person_id = ? AND about_person_id = ? AND status = 'pending'
           RETURNING created_at AS at`,
        ).all(therapist.id, therapist.id) as { at: string }[];
        for (const row of withdrawn) {
          s(
            `UPDATE digests SET last_sent_at = previous_sent_at, previous_sent_at = NULL
             WHERE therapist_id = ? AND last_sent_at = ? AND previous_sent_at IS NOT NULL`,
          ).run(therapist.id, row.at);
        }
      }
      // Everything else about the client cascades from the person.
      s("DELETE FROM people WHERE id = ? AND role = 'client'").run(clientId);
      // The day only: an exact time would match the erased client's last rows elsewhere (logs, events).
      s("INSERT INTO audit (event, actor, at) VALUES ('client_erased', ?, ?)").run(actor, at.slice(0, 10));
      // The notices of this erasure, queued in the same transaction, name the client until sent.
      const notices = s("SELECT id FROM outbox WHERE status = 'pending' AND created_at = ?").all(at) as {
        id: number;
      }[];
      wal.erasure(notices.map((row) => row.id));
    },
    clientData: async (clientId) => {
      const client = s(`${CLIENTS} WHERE cl.person_id = ?`).get(clientId) as Row;
      const therapist = s("SELECT name FROM people WHERE id = ?").get(client.therapist_id) as {
        name: string;
      };
      const checkins = (
        s("SELECT * FROM checkins WHERE client_id = ? ORDER BY id").all(clientId) as Row[]
      ).map((r) => toCheckin(r, c));
      const answers = s("SELECT instrument, item, value FROM answers WHERE checkin_id = ?");
      const scheduleRow = s("SELECT * FROM schedules WHERE client_id = ?").get(clientId) as Row | undefined;
      return {
        alias: clientName(c, client.name, clientId),
        therapist: therapist.name,
        status: client.status as ClientStatus,
        age: client.age === null ? null : Number(client.age),
        timeZone: (client.time_zone as string | null) ?? null,
        pausedAt: (client.paused_at as string | null) ?? null,
        pausedUntil: (client.paused_until as string | null) ?? null,
        instruments: instrumentsOf(client.instruments),
        language: (client.language as string | null) ?? null,
        identities: s("SELECT channel, last_seen_at AS since FROM identities WHERE person_id = ?").all(
          clientId,
        ) as {
          channel: string;
          since: string;
        }[],
        consents: s("SELECT version, choice, at FROM consents WHERE client_id = ? ORDER BY id").all(
          clientId,
        ) as {
          version: number;
          choice: string;
          at: string;
        }[],
        checkins: checkins.map((ch) => ({
          ...ch,
          answers: (answers.all(ch.id) as Answer[]).map((a) => ({
            ...a,
            value: answerValue(c, ch.id, a.instrument, a.item, a.value),
          })),
        })),
        riskAlerts: s(
          `SELECT source, created_at AS at, acknowledged_at AS acknowledgedAt, escalated_at AS escalatedAt
           FROM risk_alerts WHERE client_id = ? ORDER BY id`,
        ).all(clientId) as ClientData["riskAlerts"],
        riskEvents: (await risk.riskEvents(clientId)).map((e) => ({
          tier: e.tier,
          words: e.words,
          text: e.text,
          ...(e.answerWords ? { answerWords: e.answerWords } : {}),
          safetyAnswer: e.safetyAnswer,
          at: e.at,
        })),
        emergencyContact: await risk.emergencyContact(clientId),
        schedule: scheduleRow ? toSchedule(scheduleRow) : null,
        pauses: s('SELECT from_date AS "from", to_date AS "to" FROM pauses WHERE client_id = ?').all(
          clientId,
        ) as {
          from: string;
          to: string;
        }[],
      };
    },
  };
}
