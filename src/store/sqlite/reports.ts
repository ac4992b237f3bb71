import { caseloadEntries } from "../common/caseload.js";
import { addScoreRows, roundScores, type ScoreRow } from "../common/episode-scores.js";
import { place } from "../common/places.js";
import { answerValue, CLIENTS, clientName, toClient } from "../common/records.js";
import { CONCERN_COLUMNS } from "../common/risk-records.js";
import type { ResearchReads } from "../store.js";
import type { ReportsTx } from "../tx.js";
import type { EpisodeScores, ExportRow } from "../types.js";
import type { Row, SqlContext } from "./context.js";
import { CHECKIN_WITH_ANSWERS, withAnswers } from "./rows.js";

/** What a therapist reads across their clients: the caseload and the weekly digest. */
export function sqliteReports({ s, c }: SqlContext): ReportsTx {
  const reports: ReportsTx = {
    caseload: async (therapistId) => {
      // Sorted here: in the database the aliases are hashes.
      const clients = (s(`${CLIENTS} WHERE cl.therapist_id = ?`).all(therapistId) as Row[])
        .map((r) => toClient(r, c))
        .sort((a, b) => a.alias.localeCompare(b.alias));
      if (clients.length === 0) return [];
      // Each fact once for the whole caseload: the client's latest row of a kind is the one whose
      // id is that client's largest, found through the (client_id, ...) indexes.
      const latest = (table: string, where = "") =>
        `SELECT (SELECT MAX(x.id) FROM ${table} x WHERE x.client_id = cl.person_id${where})
         FROM clients cl WHERE cl.therapist_id = ?`;
      const completed = latest("checkins", " AND x.status = 'completed'");
      // And the latest that asked about the week, and the alliance: a split schedule asks them in
      // check-ins of their own. Found walking the index back from the latest, most often one row.
      const asked = (test: string) =>
        `SELECT (SELECT x.id FROM checkins x WHERE x.client_id = cl.person_id AND x.status = 'completed'
           AND EXISTS (SELECT 1 FROM json_each(x.plan) WHERE json_extract(json_each.value, '$.instrument') ${test})
           ORDER BY x.id DESC LIMIT 1)
         FROM clients cl WHERE cl.therapist_id = ?`;
      const parts = `${completed} UNION ${asked("<> 'alliance'")} UNION ${asked("= 'alliance'")}`;
      return caseloadEntries(
        clients,
        {
          last: withAnswers(
            c,
            s(`${CHECKIN_WITH_ANSWERS} WHERE checkins.id IN (${parts})`).all(
              therapistId,
              therapistId,
              therapistId,
            ) as Row[],
          ),
          open: s(
            `SELECT * FROM checkins WHERE status = 'open'
             AND client_id IN (SELECT person_id FROM clients WHERE therapist_id = ?)`,
          ).all(therapistId) as Row[],
          episodes: s(`SELECT client_id, ended_at FROM episodes WHERE id IN (${latest("episodes")})`).all(
            therapistId,
          ) as { client_id: number; ended_at: string | null }[],
          expired: s(
            `SELECT cl.person_id AS client_id, COUNT(*) AS n FROM clients cl JOIN checkins ch ON ch.client_id = cl.person_id
             WHERE cl.therapist_id = ? AND ch.status = 'expired' AND ch.id > COALESCE((
               SELECT MAX(d.id) FROM checkins d WHERE d.client_id = cl.person_id AND d.status = 'completed'), 0)
             GROUP BY cl.person_id`,
          ).all(therapistId) as { client_id: number; n: number }[],
          concerns: s(
            `SELECT ${CONCERN_COLUMNS} FROM risk_events WHERE id IN (${latest("risk_events", " AND x.safety_question IS NOT NULL")})`,
          ).all(therapistId) as Row[],
          alerts: s(
            `SELECT client_id, id, created_at, acknowledged_at FROM risk_alerts WHERE id IN (${latest("risk_alerts")})`,
          ).all(therapistId) as {
            client_id: number;
            id: number;
            created_at: string;
            acknowledged_at: string | null;
          }[],
        },
        c,
      );
    },
    therapistsForDigest: async () =>
      (
        s(
          `SELECT p.id AS id, d.last_sent_at AS last
           FROM people p LEFT JOIN digests d ON d.therapist_id = p.id
           WHERE p.role = 'therapist' AND EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id)`,
        ).all() as { id: number; last: string | null }[]
      ).map((r) => ({ id: r.id, lastSentAt: r.last })),
    digestFacts: async (therapistId, since, today) => {
      const caseload = await reports.caseload(therapistId);
      // Aliases are read from the clients' sealed names and sorted here, not in SQL.
      const named = <T extends { alias: string }>(rows: T[]): T[] =>
        (rows as (T & { pid: number })[])
          .map(({ pid, ...r }) => ({ ...r, alias: clientName(c, r.alias, pid) }) as unknown as T)
          .sort((a, b) => a.alias.localeCompare(b.alias));
      const warnings = named(
        s(
          `SELECT pp.id AS pid, pp.name AS alias, w.id AS id, w.rule AS rule FROM warnings w JOIN clients cl ON cl.person_id = w.client_id
           JOIN people pp ON pp.id = cl.person_id
           WHERE cl.therapist_id = ? AND w.sent = 1 AND w.created_at >= ? ORDER BY w.id`,
        ).all(therapistId, since) as { alias: string; id: number; rule: string }[],
      ).map(({ id, ...w }) => ({ ...w, rule: c.open(w.rule, place("warnings", "rule", id)) }));
      const expired = named(
        s(
          `SELECT pp.id AS pid, pp.name AS alias, ch.completed_at AS at FROM checkins ch JOIN clients cl ON cl.person_id = ch.client_id
           JOIN people pp ON pp.id = cl.person_id
           WHERE cl.therapist_id = ? AND ch.status = 'expired' AND ch.completed_at >= ?`,
        ).all(therapistId, since) as { alias: string; at: string }[],
      );
      const pauses = named(
        s(
          `SELECT pp.id AS pid, pp.name AS alias, p.from_date AS "from", p.to_date AS "to" FROM pauses p JOIN clients cl ON cl.person_id = p.client_id
           JOIN people pp ON pp.id = cl.person_id
           WHERE cl.therapist_id = ? AND p.to_date >= ? ORDER BY p.from_date`,
        ).all(therapistId, today) as { alias: string; from: string; to: string }[],
      );
      const unreachable = named(
        s(
          `SELECT pp.id AS pid, pp.name AS alias, i.channel AS channel FROM identities i JOIN clients cl ON cl.person_id = i.person_id
           JOIN people pp ON pp.id = cl.person_id
           WHERE cl.therapist_id = ? AND i.unreachable_at IS NOT NULL`,
        ).all(therapistId) as { alias: string; channel: string }[],
      );
      return { caseload, warnings, expired, pauses, unreachable };
    },
    markDigestSent: async (therapistId, at) => {
      s(
        `INSERT INTO digests (therapist_id, last_sent_at) VALUES (?, ?) ON CONFLICT (therapist_id)
         DO UPDATE SET previous_sent_at = digests.last_sent_at, last_sent_at = excluded.last_sent_at`,
      ).run(therapistId, at);
    },
  };
  return reports;
}

/** Whole-database reads for `rapport export` and `rapport calibrate` (run on the store's queue). */
export function sqliteResearch({ s, c }: SqlContext): ResearchReads {
  return {
    exportAnswers: async () =>
      (
        s(
          `SELECT ch.client_id AS clientId, ch.episode_id AS episodeId,
             (SELECT COUNT(*) FROM episodes e WHERE e.client_id = ch.client_id AND e.id <= ch.episode_id) AS episode,
             ch.id AS checkinId, ch.seq AS seq, ch.completed_at AS completedAt, a.instrument AS instrument, a.item AS item, a.value AS value,
             a.answered_at AS answeredAt
           FROM checkins ch JOIN answers a ON a.checkin_id = ch.id
           WHERE ch.status = 'completed' ORDER BY ch.id, a.answered_at, a.instrument, a.item`,
        ).all() as ExportRow[]
      ).map((r) => ({ ...r, value: answerValue(c, r.checkinId, r.instrument, r.item, r.value) })),

    finishedEpisodeScores: async () => {
      const from = `FROM episodes e
         JOIN clients c ON c.person_id = e.client_id
         JOIN checkins ch ON ch.episode_id = e.id AND ch.status = 'completed'
         JOIN answers a ON a.checkin_id = ch.id AND a.instrument = 'progress'
         WHERE e.ended_at IS NOT NULL`;
      // Sealed values are opened and summed here; plain ones are summed by SQLite, one row per
      // check-in. Either way read row by row: a clinic group's finished episodes hold millions of
      // answers, which as one array took a gigabyte.
      const rows = (
        c.enabled
          ? s(`SELECT e.id AS episode_id, c.age AS age, ch.id AS checkin_id, a.item AS item, a.value AS value
               ${from} ORDER BY e.id, ch.id`).iterate()
          : s(`SELECT e.id AS episode_id, c.age AS age, ch.id AS checkin_id, '' AS item, SUM(a.value) AS value
               ${from} GROUP BY ch.id ORDER BY e.id, ch.id`).iterate()
      ) as IterableIterator<ScoreRow>;
      const episodes: EpisodeScores[] = [];
      addScoreRows(c, rows, episodes);
      return roundScores(episodes);
    },

    saveFit: async (fit) =>
      Number(
        s(
          "INSERT INTO trajectory_fits (b0, b1, sigma, episodes, points, fitted_at) VALUES (?, ?, ?, ?, ?, ?)",
        ).run(fit.b0, fit.b1, fit.sigma, fit.episodes, fit.points, fit.fittedAt).lastInsertRowid,
      ),

    // A keyed hash of the record id, with a key derived for this purpose (from RAPPORT_DATA_KEY,
    // or the database's own secret).
    pseudonym: (clientId) => `p-${c.digest("pseudonym", String(clientId)).slice(0, 12)}`,
  };
}
