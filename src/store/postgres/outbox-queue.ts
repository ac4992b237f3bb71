import { toOutboxRow } from "../common/records.js";
import type { OutboxQueue } from "../store.js";
import type { Recipient } from "../types.js";
import type { PgContext } from "./context.js";
import { FIRST_PENDING, MARK_FAILED, MARK_SENT, UNCLAIM } from "./outbox.js";

/** Who claims the rows this store takes to send, and for how long. */
interface ClaimOptions {
  /** This instance's id (PostgresOptions.instance). */
  instance: string;
  /** How long a claim holds unless the row is marked first (CLAIM_LEASE_MS). */
  leaseMs: number;
}

/** The database's clock as an ISO time, `ms` milliseconds from now: one clock for every instance. */
const dbTime = (ms: string) =>
  `to_char((statement_timestamp() + ${ms} * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const DB_NOW = dbTime("0");

/**
 * The outbox's sending side, read by the delivery worker outside any event's transaction (on the
 * pool). Nothing is opened until a row is taken: the recipient lists run whenever something is queued.
 *
 * Several instances send from one database. The row nextSendable returns is claimed for this
 * instance until a lease runs out; the marks end the claim. While another instance holds a live
 * claim on any pending row of a recipient, that recipient is someone else's: this instance
 * neither lists them nor takes a row of theirs. A recipient's later rows wait behind the first
 * (FIRST_PENDING), which stays pending until marked, so their messages go in order across
 * instances too. A claim that ran out (its instance was killed mid-send) is free to take: the
 * lease is longer than a send may take (CLAIM_LEASE_MS).
 */
export function pgOutboxQueue(q: PgContext, claims: ClaimOptions): OutboxQueue {
  const { c } = q;
  const me = claims.instance;
  return {
    sendableRecipients: async (channels, now, limit) => {
      if (channels.length === 0) return [];
      // Only who has a message that may go now (by the same rule as nextSendable: a recipient whose
      // first message waits for a retry is not listed), urgent first, then oldest first.
      return q.all<Recipient>(
        `SELECT o.channel, o.external_id AS recipient FROM outbox o
         WHERE o.status = 'pending' AND o.channel = ANY($1::text[]) AND o.next_attempt_at <= $2
           AND ${FIRST_PENDING}
           AND NOT EXISTS (
             SELECT 1 FROM outbox l
             WHERE l.status = 'pending' AND l.channel = o.channel AND l.external_id = o.external_id
               AND l.claimed_by <> $4 AND l.claimed_until > ${DB_NOW})
         GROUP BY o.channel, o.external_id
         ORDER BY MAX(o.priority) DESC, MIN(o.id)
         LIMIT $3`,
        [channels, now, limit, me],
      );
    },
    nextSendable: async (due, now) => {
      // Every pending row of the recipient is locked (theirs) while the first sendable one is
      // claimed, so two instances asking at once cannot both take one of theirs: SKIP LOCKED
      // leaves out a row another statement holds, and then fewer rows are locked than the
      // recipient has, which gives nothing (asked again on the next look) rather than a row
      // beside one that another instance is taking. A locked row is read as last committed,
      // so a claim committed since this statement began is seen.
      // A message waits while an earlier one to the same recipient is still pending, so that
      // questions arrive in order; urgent messages do not wait behind ordinary ones.
      // `alone` counts every pending row of theirs, those waiting for a retry included.
      const row = await q.get(
        `WITH theirs AS MATERIALIZED (
           SELECT t.id, t.priority, t.next_attempt_at, t.claimed_by, t.claimed_until FROM outbox t
           WHERE t.status = 'pending' AND t.channel = $1 AND t.external_id = $2
           ORDER BY t.id
           FOR UPDATE SKIP LOCKED
         ), head AS (
           SELECT f.id FROM theirs f
           WHERE f.next_attempt_at <= $3
             AND NOT EXISTS (SELECT 1 FROM theirs p WHERE p.id < f.id AND p.priority >= f.priority)
           ORDER BY f.priority DESC, f.id
           LIMIT 1
         )
         UPDATE outbox o SET claimed_by = $4, claimed_until = ${dbTime("$5::integer")}
         FROM head
         WHERE o.id = head.id
           AND (SELECT COUNT(*) FROM theirs) = (
             SELECT COUNT(*) FROM outbox a WHERE a.status = 'pending' AND a.channel = $1 AND a.external_id = $2)
           AND NOT EXISTS (SELECT 1 FROM theirs l WHERE l.claimed_by <> $4 AND l.claimed_until > ${DB_NOW})
         RETURNING o.*, (SELECT COUNT(*) FROM theirs) = 1 AS alone`,
        [due.channel, due.recipient, now, me, claims.leaseMs],
      );
      if (!row) return undefined;
      const taken = toOutboxRow(row, c);
      q.erasures?.taken(taken);
      return { ...taken, last: row.alone === true };
    },
    // Several sent messages in one statement: one commit per delivery pass, not per message.
    markSentMany: async (ids, at) => {
      if (ids.length > 0) {
        await q.run(MARK_SENT, [at, ids]);
      }
      q.erasures?.scrubbedRows(ids);
    },
    markSent: async (id, at) => {
      await q.run(MARK_SENT, [at, [id]]);
      q.erasures?.scrubbedRows([id]);
    },
    markRetry: async (id, error, nextAttemptAt, counts = true) => {
      await q.run(
        `UPDATE outbox SET attempts = attempts + $1, last_error = $2, next_attempt_at = $3, ${UNCLAIM} WHERE id = $4`,
        [counts ? 1 : 0, error, nextAttemptAt, id],
      );
    },
    bringForward: async (channel, now, limit) =>
      (
        await q.all<{ id: number; due: string }>(
          `UPDATE outbox o SET next_attempt_at = $1
           FROM (SELECT id, next_attempt_at FROM outbox
                 WHERE status = 'pending' AND channel = $2 AND attempts > 0 AND next_attempt_at > $1
                 ORDER BY next_attempt_at LIMIT $3) w
           WHERE o.id = w.id
           RETURNING o.id, w.next_attempt_at AS due`,
          [now, channel, limit ?? null],
        )
      ).map((r) => ({ id: Number(r.id), due: r.due })),
    markFailed: async (id, error, at) => {
      await q.run(MARK_FAILED, [at, [id], error]);
      q.erasures?.scrubbedRows([id]);
    },
    nextAttemptAt: async (channels) => {
      if (channels.length === 0) return undefined;
      // Only the first pending message of each recipient counts: the ones behind it wait for it.
      const row = await q.get<{ due: string | null }>(
        `SELECT MIN(o.next_attempt_at) AS due FROM outbox o
         WHERE o.status = 'pending' AND o.channel = ANY($1::text[]) AND ${FIRST_PENDING}`,
        [channels],
      );
      return row?.due ?? undefined;
    },
    pending: async (recipient) =>
      (
        await q.all(
          "SELECT * FROM outbox WHERE status = 'pending' AND channel = $1 AND external_id = $2 ORDER BY priority DESC, id",
          [recipient.channel, recipient.recipient],
        )
      ).map((r) => toOutboxRow(r, c)),
  };
}
