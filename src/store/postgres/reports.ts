import { caseloadEntries } from "../common/caseload.js";
import { addScoreRows, roundScores, type ScoreRow } from "../common/episode-scores.js";
import { place } from "../common/places.js";
import { answerValue, CLIENTS, clientName, toClient } from "../common/records.js";
import { CONCERN_COLUMNS } from "../common/risk-records.js";
import type { ResearchReads } from "../store.js";
import type { ReportsTx } from "../tx.js";
import type { EpisodeScores, ExportRow } from "../types.js";
import type { PgContext } from "./context.js";
import { withAnswers } from "./rows.js";

/** What a therapist reads across their clients: the caseload and the weekly digest. */
export function pgReports(q: PgContext): ReportsTx {
  const { c } = q;
  // Aliases are read from the clients' sealed names and sorted here, not in SQL (they are hashes there).
  const named = <T extends { alias: string }>(rows: (T & { pid: number })[]): T[] =>
    rows
      .map(({ pid, ...r }) => ({ ...r, alias: clientName(c, r.alias, pid) }) as unknown as T)
      .sort((a, b) => a.alias.localeCompare(b.alias));
  const reports: ReportsTx = {
    caseload: async (therapistId) => {
      // Seven queries for the whole caseload, not three per client: each is a round trip here.
      const clients = (await q.all(`${CLIENTS} WHERE cl.therapist_id = $1`, [therapistId]))
        .map((r) => toClient(r, c))
        .sort((a, b) => a.alias.localeCompare(b.alias));
      if (clients.length === 0) return [];
      const ids = clients.map((cl) => cl.personId);
      // The latest completed check-in, and the latest that asked about the week and the alliance:
      // a split schedule asks them in check-ins of their own (common/caseload.ts).
      const last = await withAnswers(
        q,
        await q.all(
          `SELECT * FROM checkins WHERE id IN (
             SELECT unnest(ARRAY[
               MAX(id),
               MAX(id) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(plan::jsonb) p
                 WHERE p->>'instrument' <> 'alliance')),
               MAX(id) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(plan::jsonb) p
                 WHERE p->>'instrument' = 'alliance'))])
             FROM checkins WHERE client_id = ANY($1::bigint[]) AND status = 'completed' GROUP BY client_id)`,
          [ids],
        ),
      );
      const open = await q.all(
        "SELECT * FROM checkins WHERE client_id = ANY($1::bigint[]) AND status = 'open'",
        [ids],
      );
      const episodes = await q.all<{ client_id: number; ended_at: string | null }>(
        `SELECT DISTINCT ON (client_id) client_id, ended_at FROM episodes
         WHERE client_id = ANY($1::bigint[]) ORDER BY client_id, id DESC`,
        [ids],
      );
      const expired = await q.all<{ client_id: number; n: string }>(
        `SELECT ch.client_id, COUNT(*) AS n FROM checkins ch
         WHERE ch.client_id = ANY($1::bigint[]) AND ch.status = 'expired'
           AND ch.id > COALESCE(
             (SELECT MAX(d.id) FROM checkins d WHERE d.client_id = ch.client_id AND d.status = 'completed'), 0)
         GROUP BY ch.client_id`,
        [ids],
      );
      const concerns = await q.all(
        `SELECT DISTINCT ON (client_id) ${CONCERN_COLUMNS} FROM risk_events
         WHERE client_id = ANY($1::bigint[]) AND safety_question IS NOT NULL ORDER BY client_id, id DESC`,
        [ids],
      );
      const alerts = await q.all<{
        client_id: number;
        id: number;
        created_at: string;
        acknowledged_at: string | null;
      }>(
        `SELECT DISTINCT ON (client_id) client_id, id, created_at, acknowledged_at FROM risk_alerts
         WHERE client_id = ANY($1::bigint[]) ORDER BY client_id, id DESC`,
        [ids],
      );
      return caseloadEntries(clients, { last, open, episodes, expired, concerns, alerts }, c);
    },
    therapistsForDigest: async () =>
      (
        await q.all<{ id: number; last: string | null }>(
          `SELECT p.id AS id, d.last_sent_at AS last
           FROM people p LEFT JOIN digests d ON d.therapist_id = p.id
           WHERE p.role = 'therapist' AND EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id)
           ORDER BY p.id`,
        )
      ).map((r) => ({ id: r.id, lastSentAt: r.last })),
    digestFacts: async (therapistId, since, today) => {
      const caseload = await reports.caseload(therapistId);
      const warnings = named(
        await q.all<{ pid: number; alias: string; id: number; rule: string }>(
          `SELECT pp.id AS pid, pp.name AS alias, w.id AS id, w.rule AS rule FROM warnings w
           JOIN clients cl ON cl.person_id = w.client_id JOIN people pp ON pp.id = cl.person_id
           WHERE cl.therapist_id = $1 AND w.sent AND w.created_at >= $2 ORDER BY w.id`,
          [therapistId, since],
        ),
      ).map(({ id, ...w }) => ({ ...w, rule: c.open(w.rule, place("warnings", "rule", id)) }));
      const expired = named(
        await q.all<{ pid: number; alias: string; at: string }>(
          `SELECT pp.id AS pid, pp.name AS alias, ch.completed_at AS at FROM checkins ch
           JOIN clients cl ON cl.person_id = ch.client_id JOIN people pp ON pp.id = cl.person_id
           WHERE cl.therapist_id = $1 AND ch.status = 'expired' AND ch.completed_at >= $2 ORDER BY ch.id`,
          [therapistId, since],
        ),
      );
      const pauses = named(
        await q.all<{ pid: number; alias: string; from: string; to: string }>(
          `SELECT pp.id AS pid, pp.name AS alias, p.from_date AS "from", p.to_date AS "to" FROM pauses p
           JOIN clients cl ON cl.person_id = p.client_id JOIN people pp ON pp.id = cl.person_id
           WHERE cl.therapist_id = $1 AND p.to_date >= $2 ORDER BY p.from_date, p.id`,
          [therapistId, today],
        ),
      );
      const unreachable = named(
        await q.all<{ pid: number; alias: string; channel: string }>(
          `SELECT pp.id AS pid, pp.name AS alias, i.channel AS channel FROM identities i
           JOIN clients cl ON cl.person_id = i.person_id JOIN people pp ON pp.id = cl.person_id
           WHERE cl.therapist_id = $1 AND i.unreachable_at IS NOT NULL ORDER BY i.channel`,
          [therapistId],
        ),
      );
      return { caseload, warnings, expired, pauses, unreachable };
    },
    markDigestSent: async (therapistId, at) => {
      await q.run(
        `INSERT INTO digests (therapist_id, last_sent_at) VALUES ($1, $2) ON CONFLICT (therapist_id)
         DO UPDATE SET previous_sent_at = digests.last_sent_at, last_sent_at = excluded.last_sent_at`,
        [therapistId, at],
      );
    },
  };
  return reports;
}

/** Finished episodes read this many at a time, so a clinic group's millions of answers are never one array. */
const EPISODES_PER_READ = 500;

/** Whole-database reads for `rapport export` and `rapport calibrate` (on the pool). */
export function pgResearch(q: PgContext): ResearchReads {
  const { c } = q;
  return {
    exportAnswers: async () =>
      (
        await q.all<ExportRow & { value: unknown }>(
          `SELECT ch.client_id AS "clientId", ch.episode_id AS "episodeId",
             (SELECT COUNT(*)::int FROM episodes e WHERE e.client_id = ch.client_id AND e.id <= ch.episode_id) AS episode,
             ch.id AS "checkinId", ch.seq AS seq, ch.completed_at AS "completedAt", a.instrument AS instrument, a.item AS item, a.value AS value,
             a.answered_at AS "answeredAt"
           FROM checkins ch JOIN answers a ON a.checkin_id = ch.id
           WHERE ch.status = 'completed' ORDER BY ch.id, a.answered_at, a.instrument, a.item`,
        )
      ).map((r) => ({ ...r, value: answerValue(c, r.checkinId, r.instrument, r.item, r.value) })),

    finishedEpisodeScores: async () => {
      const finished = (
        await q.all<{ id: number }>("SELECT id FROM episodes WHERE ended_at IS NOT NULL ORDER BY id")
      ).map((e) => e.id);
      const from = `FROM episodes e
         JOIN clients c ON c.person_id = e.client_id
         JOIN checkins ch ON ch.episode_id = e.id AND ch.status = 'completed'
         JOIN answers a ON a.checkin_id = ch.id AND a.instrument = 'progress'
         WHERE e.id = ANY($1::bigint[])`;
      // Sealed values are opened and summed here; plain ones are summed by PostgreSQL, one row per check-in.
      const sql = c.enabled
        ? `SELECT e.id AS episode_id, c.age AS age, ch.id AS checkin_id, a.item AS item, a.value AS value
           ${from} ORDER BY e.id, ch.id`
        : `SELECT e.id AS episode_id, c.age AS age, ch.id AS checkin_id, '' AS item, SUM(a.value::double precision) AS value
           ${from} GROUP BY e.id, c.age, ch.id ORDER BY e.id, ch.id`;
      const episodes: EpisodeScores[] = [];
      for (let start = 0; start < finished.length; start += EPISODES_PER_READ) {
        addScoreRows(
          c,
          await q.all<ScoreRow>(sql, [finished.slice(start, start + EPISODES_PER_READ)]),
          episodes,
        );
      }
      return roundScores(episodes);
    },

    saveFit: async (fit) =>
      Number(
        (
          await q.get<{ id: number }>(
            "INSERT INTO trajectory_fits (b0, b1, sigma, episodes, points, fitted_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            [fit.b0, fit.b1, fit.sigma, fit.episodes, fit.points, fit.fittedAt],
          )
        )?.id,
      ),

    // A keyed hash of the record id, with a key derived for this purpose (from RAPPORT_DATA_KEY,
    // or the database's own secret).
    pseudonym: (clientId) => `p-${c.digest("pseudonym", String(clientId)).slice(0, 12)}`,
  };
}
