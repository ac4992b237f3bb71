import { answerValue, CLIENTS, clientName, instrumentsOf, toCheckin, toSchedule } from "../common/records.js";
import type { PrivacyTx } from "../tx.js";
import type { ClientData, ClientStatus } from "../types.js";
import type { PgContext, Row } from "./context.js";
import { pgRisk } from "./risk.js";

/**
 * Replay protection and code attempts (keyed hashes, pruned), a client's own data, and erasure.
 *
 * Unlike SQLite (secure_delete, and a WAL checkpoint after an erasure), PostgreSQL keeps a deleted
 * row's old version in its table file: an erasure reports itself, and the tables are rewritten
 * after it commits (erasure-vacuum.ts).
 */
export function pgPrivacy(q: PgContext): PrivacyTx {
  const { c } = q;
  // A client's own data includes their risk events and emergency contact, read as the risk part reads them.
  const risk = pgRisk(q);
  return {
    // A keyed hash of the event id: a Slack press's id carries the presser's user id.
    recordInbound: async (channel, eventId, at) =>
      (await q.run(
        "INSERT INTO inbound_events (channel, event_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        [channel, c.digest("inbound-events", `${channel}:${eventId}`), at],
      )) === 1,
    recordCodeAttempt: async (sender, at) => {
      await q.run("INSERT INTO code_attempts (sender_hash, at) VALUES ($1, $2)", [
        c.digest("code-attempts", sender),
        at,
      ]);
    },
    codeAttemptsSince: async (sender, since) =>
      (
        await q.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM code_attempts WHERE sender_hash = $1 AND at > $2",
          [c.digest("code-attempts", sender), since],
        )
      )?.n ?? 0,
    pruneSeen: async (before) => {
      await q.run("DELETE FROM inbound_events WHERE received_at < $1", [before]);
      await q.run("DELETE FROM code_attempts WHERE at < $1", [before]);
    },
    setForgetRequested: async (clientId, at) => {
      await q.run("UPDATE clients SET forget_requested_at = $1 WHERE person_id = $2", [at, clientId]);
    },
    forgetRequestedAt: async (clientId) =>
      (
        await q.get<{ at: string | null }>(
          "SELECT forget_requested_at AS at FROM clients WHERE person_id = $1",
          [clientId],
        )
      )?.at ?? null,
    setEraseRequested: async (clientId, at) => {
      await q.run("UPDATE clients SET erase_requested_at = $1 WHERE person_id = $2", [at, clientId]);
    },
    eraseRequestOf: async (therapistId) =>
      q.get<{ clientId: number; at: string }>(
        `SELECT person_id AS "clientId", erase_requested_at AS at FROM clients
         WHERE therapist_id = $1 AND erase_requested_at IS NOT NULL ORDER BY erase_requested_at DESC LIMIT 1`,
        [therapistId],
      ),
    eraseClient: async (clientId, actor, at) => {
      // Every row about the client or to them, sent and failed ones too: their times and priority
      // alone would date what happened (an urgent alert at the minute of a disclosure).
      await q.run("DELETE FROM outbox WHERE about_person_id = $1 OR person_id = $1", [clientId]);
      // Queued caseload messages (a digest, a reply to `clients`) name every client of the
      // therapist: withdrawn, and a withdrawn digest is made again without the client.
      const therapist = await q.get<{ id: number }>(
        "SELECT therapist_id AS id FROM clients WHERE person_id = $1",
        [clientId],
      );
      if (therapist) {
        const withdrawn = await q.all<{ at: string }>(
          `DELETE FROM outbox WHERE person_id = $1 AND about_person_id = $1 AND status = 'pending'
           RETURNING created_at AS at`,
          [therapist.id],
        );
        for (const row of withdrawn) {
          await q.run(
            `UPDATE digests SET last_sent_at = previous_sent_at, previous_sent_at = NULL
             WHERE therapist_id = $1 AND last_sent_at = $2 AND previous_sent_at IS NOT NULL`,
            [therapist.id, row.at],
          );
        }
      }
      // Everything else about the client cascades from the person.
      await q.run("DELETE FROM people WHERE id = $1 AND role = 'client'", [clientId]);
      // The day only: an exact time would match the erased client's last rows elsewhere (logs, events).
      await q.run("INSERT INTO audit (event, actor, at) VALUES ('client_erased', $1, $2)", [
        actor,
        at.slice(0, 10),
      ]);
      // The notices of this erasure, queued in the same transaction, name the client until sent.
      const notices = await q.all<{ id: number }>(
        "SELECT id FROM outbox WHERE status = 'pending' AND created_at = $1",
        [at],
      );
      q.erasures?.erasure(notices.map((row) => row.id));
    },
    clientData: async (clientId) => {
      const client = (await q.get(`${CLIENTS} WHERE cl.person_id = $1`, [clientId])) as Row;
      const therapist = await q.get<{ name: string }>("SELECT name FROM people WHERE id = $1", [
        client.therapist_id,
      ]);
      const checkins = (
        await q.all("SELECT * FROM checkins WHERE client_id = $1 ORDER BY id", [clientId])
      ).map((r) => toCheckin(r, c));
      const answers = await q.all<{ checkin_id: number; instrument: string; item: string; value: string }>(
        `SELECT a.checkin_id, a.instrument, a.item, a.value FROM answers a JOIN checkins ch ON ch.id = a.checkin_id
         WHERE ch.client_id = $1 ORDER BY a.checkin_id, a.instrument, a.item`,
        [clientId],
      );
      const scheduleRow = await q.get("SELECT * FROM schedules WHERE client_id = $1", [clientId]);
      return {
        alias: clientName(c, client.name, clientId),
        therapist: therapist?.name ?? "",
        status: client.status as ClientStatus,
        age: client.age === null ? null : Number(client.age),
        timeZone: (client.time_zone as string | null) ?? null,
        pausedAt: (client.paused_at as string | null) ?? null,
        pausedUntil: (client.paused_until as string | null) ?? null,
        instruments: instrumentsOf(client.instruments),
        language: (client.language as string | null) ?? null,
        identities: await q.all<{ channel: string; since: string }>(
          "SELECT channel, last_seen_at AS since FROM identities WHERE person_id = $1",
          [clientId],
        ),
        consents: await q.all<{ version: number; choice: string; at: string }>(
          "SELECT version, choice, at FROM consents WHERE client_id = $1 ORDER BY id",
          [clientId],
        ),
        checkins: checkins.map((ch) => ({
          ...ch,
          answers: answers
            .filter((a) => a.checkin_id === ch.id)
            .map((a) => ({
              instrument: a.instrument,
              item: a.item,
              value: answerValue(c, ch.id, a.instrument, a.item, a.value),
            })),
        })),
        riskAlerts: await q.all<ClientData["riskAlerts"][number]>(
          `SELECT source, created_at AS at, acknowledged_at AS "acknowledgedAt", escalated_at AS "escalatedAt"
           FROM risk_alerts WHERE client_id = $1 ORDER BY id`,
          [clientId],
        ),
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
        pauses: await q.all<{ from: string; to: string }>(
          'SELECT from_date AS "from", to_date AS "to" FROM pauses WHERE client_id = $1 ORDER BY from_date, id',
          [clientId],
        ),
      };
    },
  };
}
