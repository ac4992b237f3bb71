import type { ScheduleTx } from "../checkin-tx.js";
import { toSchedule } from "../common/records.js";
import type { Job } from "../types.js";
import type { Row, SqlContext } from "./context.js";

/** Session schedules, pauses, and timed jobs. */
export function sqliteSchedule({ s }: SqlContext): ScheduleTx {
  return {
    saveSchedule: async (schedule, at) => {
      s(
        `INSERT INTO schedules (client_id, weekday, time, duration_min, plan, next_after_at, next_before_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (client_id) DO UPDATE SET weekday = excluded.weekday, time = excluded.time,
           duration_min = excluded.duration_min, plan = excluded.plan,
           next_after_at = excluded.next_after_at, next_before_at = excluded.next_before_at`,
      ).run(
        schedule.clientId,
        schedule.weekday,
        schedule.time,
        schedule.durationMin,
        schedule.plan,
        schedule.nextAfterAt,
        schedule.nextBeforeAt,
        at,
      );
    },
    deleteSchedule: async (clientId) =>
      s("DELETE FROM schedules WHERE client_id = ?").run(clientId).changes === 1,
    getSchedule: async (clientId) => {
      const row = s("SELECT * FROM schedules WHERE client_id = ?").get(clientId) as Row | undefined;
      return row ? toSchedule(row) : undefined;
    },
    dueSchedules: async (now) =>
      (
        s(
          "SELECT * FROM schedules WHERE next_after_at <= ? OR (next_before_at IS NOT NULL AND next_before_at <= ?)",
        ).all(now, now) as Row[]
      ).map(toSchedule),
    addJob: async (kind, clientId, dueAt, at, checkinId) => {
      s(
        "INSERT INTO jobs (kind, client_id, checkin_id, due_at, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
      ).run(kind, clientId, checkinId ?? null, dueAt, at);
    },
    dueJobs: async (now, limit) =>
      (
        s("SELECT * FROM jobs WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?").all(
          now,
          limit,
        ) as Row[]
      ).map((row) => ({
        id: Number(row.id),
        kind: row.kind as Job["kind"],
        clientId: Number(row.client_id),
        checkinId: row.checkin_id === null ? null : Number(row.checkin_id),
        dueAt: String(row.due_at),
      })),
    finishJob: async (id, note, at) => {
      s("UPDATE jobs SET status = 'done', note = ?, done_at = ? WHERE id = ?").run(note, at, id);
    },
    postponeJob: async (id, dueAt) => {
      s("UPDATE jobs SET due_at = ? WHERE id = ?").run(dueAt, id);
    },
    pendingSessionJobs: async (clientId) =>
      (
        s(
          `SELECT due_at FROM jobs WHERE client_id = ? AND status = 'pending'
             AND kind IN ('checkin', 'alliance', 'progress') ORDER BY due_at, id`,
        ).all(clientId) as { due_at: string }[]
      ).map((row) => String(row.due_at)),
    cancelSessionJobs: async (clientId, note, at) =>
      s(
        `UPDATE jobs SET status = 'done', note = ?, done_at = ?
         WHERE client_id = ? AND status = 'pending' AND kind IN ('checkin', 'alliance', 'progress')`,
      ).run(note, at, clientId).changes,
    addPause: async (clientId, from, to, at) => {
      s("INSERT INTO pauses (client_id, from_date, to_date, created_at) VALUES (?, ?, ?, ?)").run(
        clientId,
        from,
        to,
        at,
      );
    },
    pausesOf: async (clientId) =>
      s('SELECT from_date AS "from", to_date AS "to" FROM pauses WHERE client_id = ? ORDER BY from_date').all(
        clientId,
      ) as { from: string; to: string }[],
    liftPause: async (clientId, today) => {
      const row = s(
        `SELECT id, from_date AS "from", to_date AS "to" FROM pauses WHERE client_id = ? AND to_date >= ?
         ORDER BY from_date, id LIMIT 1`,
      ).get(clientId, today) as { id: number; from: string; to: string } | undefined;
      if (!row) return undefined;
      s("DELETE FROM pauses WHERE id = ?").run(row.id);
      return { from: row.from, to: row.to };
    },
  };
}
