import type { ScheduleTx } from "../checkin-tx.js";
import { toSchedule } from "../common/records.js";
import type { Job } from "../types.js";
import type { PgContext } from "./context.js";

/** Session schedules, pauses, and timed jobs. */
export function pgSchedule(q: PgContext): ScheduleTx {
  return {
    saveSchedule: async (schedule, at) => {
      await q.run(
        `INSERT INTO schedules (client_id, weekday, time, duration_min, plan, next_after_at, next_before_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (client_id) DO UPDATE SET weekday = excluded.weekday, time = excluded.time,
           duration_min = excluded.duration_min, plan = excluded.plan,
           next_after_at = excluded.next_after_at, next_before_at = excluded.next_before_at`,
        [
          schedule.clientId,
          schedule.weekday,
          schedule.time,
          schedule.durationMin,
          schedule.plan,
          schedule.nextAfterAt,
          schedule.nextBeforeAt,
          at,
        ],
      );
    },
    deleteSchedule: async (clientId) =>
      (await q.run("DELETE FROM schedules WHERE client_id = $1", [clientId])) === 1,
    getSchedule: async (clientId) => {
      const row = await q.get("SELECT * FROM schedules WHERE client_id = $1", [clientId]);
      return row ? toSchedule(row) : undefined;
    },
    dueSchedules: async (now) =>
      (
        await q.all(
          "SELECT * FROM schedules WHERE next_after_at <= $1 OR (next_before_at IS NOT NULL AND next_before_at <= $1) ORDER BY client_id",
          [now],
        )
      ).map(toSchedule),
    addJob: async (kind, clientId, dueAt, at, checkinId) => {
      await q.run(
        "INSERT INTO jobs (kind, client_id, checkin_id, due_at, status, created_at) VALUES ($1, $2, $3, $4, 'pending', $5)",
        [kind, clientId, checkinId ?? null, dueAt, at],
      );
    },
    dueJobs: async (now, limit) =>
      (
        await q.all(
          "SELECT * FROM jobs WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2",
          [now, limit],
        )
      ).map(
        (row): Job => ({
          id: Number(row.id),
          kind: row.kind as Job["kind"],
          clientId: Number(row.client_id),
          checkinId: row.checkin_id === null ? null : Number(row.checkin_id),
          dueAt: String(row.due_at),
        }),
      ),
    finishJob: async (id, note, at) => {
      await q.run("UPDATE jobs SET status = 'done', note = $1, done_at = $2 WHERE id = $3", [note, at, id]);
    },
    postponeJob: async (id, dueAt) => {
      await q.run("UPDATE jobs SET due_at = $1 WHERE id = $2", [dueAt, id]);
    },
    pendingSessionJobs: async (clientId) =>
      (
        await q.all(
          `SELECT due_at FROM jobs WHERE client_id = $1 AND status = 'pending'
             AND kind IN ('checkin', 'alliance', 'progress') ORDER BY due_at, id`,
          [clientId],
        )
      ).map((row) => String(row.due_at)),
    cancelSessionJobs: async (clientId, note, at) =>
      q.run(
        `UPDATE jobs SET status = 'done', note = $1, done_at = $2
         WHERE client_id = $3 AND status = 'pending' AND kind IN ('checkin', 'alliance', 'progress')`,
        [note, at, clientId],
      ),
    addPause: async (clientId, from, to, at) => {
      await q.run("INSERT INTO pauses (client_id, from_date, to_date, created_at) VALUES ($1, $2, $3, $4)", [
        clientId,
        from,
        to,
        at,
      ]);
    },
    pausesOf: async (clientId) =>
      q.all<{ from: string; to: string }>(
        'SELECT from_date AS "from", to_date AS "to" FROM pauses WHERE client_id = $1 ORDER BY from_date, id',
        [clientId],
      ),
    liftPause: async (clientId, today) => {
      const row = await q.get<{ id: number; from: string; to: string }>(
        `SELECT id, from_date AS "from", to_date AS "to" FROM pauses WHERE client_id = $1 AND to_date >= $2
         ORDER BY from_date, id LIMIT 1`,
        [clientId, today],
      );
      if (!row) return undefined;
      await q.run("DELETE FROM pauses WHERE id = $1", [row.id]);
      return { from: row.from, to: row.to };
    },
  };
}
