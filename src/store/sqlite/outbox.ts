import type { OutboundMessage } from "../../model.js";
import { identityPlace, outboxPlace } from "../common/places.js";
import { toOutboxRow } from "../common/records.js";
import type { OutboxQueue } from "../store.js";
import type { OutboxTx } from "../tx.js";
import type { Recipient } from "../types.js";
import type { Row, SqlContext } from "./context.js";
import { nextId } from "./context.js";

const URGENT_PRIORITY = 10;

/**
 * A finished outbox row keeps no content and no address: the outbox is a queue, not an
 * archive, and what was sent to a person must not outlive an erasure in it.
 */
const SCRUB = "external_id = '', address = '{}', message = '{}'";

const MARK_SENT = `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, ${SCRUB}
  WHERE id = ?`;
const MARK_FAILED = `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, sent_at = ?, ${SCRUB}
  WHERE id = ?`;

/**
 * A row addressed to no person (a reply to an unknown sender, an erased client's goodbye) goes
 * once it is settled: nobody's record holds it, and kept, its time would date an erasure.
 */
const DROP_UNOWNED = "DELETE FROM outbox WHERE id = ? AND person_id IS NULL";
const DROP_UNOWNED_MANY =
  "DELETE FROM outbox WHERE person_id IS NULL AND id IN (SELECT value FROM json_each(?))";

/**
 * The id the row queued next gets (as nextId in context.ts), read with the recipient's identity:
 * one statement for both. Inside the event's write transaction nothing else writes between it
 * and the insert.
 */
const NEXT_ID = "(SELECT COALESCE(MAX(id), 0) + 1 FROM outbox) AS next_id";

/** The first pending message of each recipient: the ones behind it wait for it, so questions stay in order. */
const FIRST_PENDING = `NOT EXISTS (
  SELECT 1 FROM outbox p
  WHERE p.status = 'pending' AND p.channel = o.channel AND p.external_id = o.external_id
    AND p.id < o.id AND p.priority >= o.priority)`;

/**
 * The outbox's writing side: messages queued inside an event's transaction, addressed to the
 * person's reachable identity, with the address and message sealed for their row.
 */
export function sqliteOutbox({ s, c, wal }: SqlContext): OutboxTx {
  return {
    enqueue: async (personId, message: OutboundMessage, at, via, about) => {
      let target: Row | undefined;
      if (via && via.personId === personId) {
        target = s(
          `SELECT channel, external_id, address, ${NEXT_ID} FROM identities
           WHERE channel = ? AND external_id = ? AND unreachable_at IS NULL`,
        ).get(via.channel, c.lookup(via.externalId)) as Row | undefined;
      }
      target ??= s(
        `SELECT channel, external_id, address, ${NEXT_ID} FROM identities
         WHERE person_id = ? AND unreachable_at IS NULL ORDER BY last_seen_at DESC LIMIT 1`,
      ).get(personId) as Row | undefined;
      const priority = message.urgent ? URGENT_PRIORITY : 0;
      if (!target) {
        // Kept, without content, not dropped: the row shows that a message could not be sent to anyone.
        s(
          `INSERT INTO outbox (person_id, about_person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at, last_error)
           VALUES (?, ?, '', '', '{}', ?, ?, 'failed', ?, ?, 'no reachable identity')`,
        ).run(personId, about ?? null, "{}", priority, at, at);
        return undefined;
      }
      const id = Number(target.next_id);
      // The address is sealed again for the row it is copied into: a sealed value opens only in its place.
      const address = c.open(
        String(target.address),
        identityPlace(String(target.channel), String(target.external_id)),
      );
      s(
        `INSERT INTO outbox (id, person_id, about_person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      ).run(
        id,
        personId,
        about ?? null,
        target.channel,
        target.external_id,
        c.seal(address, outboxPlace("address", id)),
        c.seal(JSON.stringify(message), outboxPlace("message", id)),
        priority,
        at,
        at,
      );
      return { channel: String(target.channel), recipient: String(target.external_id) };
    },
    enqueueDirect: async (channel, externalId, address, message, at) => {
      const id = nextId(s, "outbox");
      const recipient = c.lookup(externalId);
      s(
        `INSERT INTO outbox (id, person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at)
         VALUES (?, NULL, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      ).run(
        id,
        channel,
        recipient,
        c.seal(JSON.stringify({ externalId, address }), outboxPlace("address", id)),
        c.seal(JSON.stringify(message), outboxPlace("message", id)),
        message.urgent ? URGENT_PRIORITY : 0,
        at,
        at,
      );
      return { channel, recipient };
    },
    markUnreachable: async (channel, externalId, at) => {
      const changed = s(
        `UPDATE identities SET unreachable_at = ? WHERE channel = ? AND external_id = ? AND unreachable_at IS NULL
         RETURNING person_id`,
      ).get(at, channel, c.lookup(externalId)) as { person_id: number } | undefined;
      s(
        `UPDATE outbox SET status = 'failed', last_error = 'recipient unreachable', sent_at = ?, ${SCRUB}
         WHERE status = 'pending' AND channel = ? AND external_id = ?`,
      ).run(at, channel, c.lookup(externalId));
      return changed?.person_id;
    },
    lastQueuedAt: async (personId) =>
      (
        s("SELECT MAX(created_at) AS at FROM outbox WHERE person_id = ?").get(personId) as {
          at: string | null;
        }
      ).at ?? undefined,
    failDelivery: async (outboxId, error, at) => {
      s(MARK_FAILED).run(error, at, outboxId);
      s(DROP_UNOWNED).run(outboxId);
      wal.scrubbedInTransaction(outboxId);
    },
  };
}

/**
 * The outbox's sending side, read by the delivery worker outside any event's transaction (the
 * store runs each on its queue). Nothing is opened until a row is taken: the recipient lists run
 * whenever something is queued.
 */
export function sqliteOutboxQueue({ s, c, db, wal }: SqlContext): OutboxQueue {
  return {
    sendableRecipients: async (channels, now, limit) => {
      if (channels.length === 0) return [];
      const marks = channels.map(() => "?").join(", ");
      // Only who has a message that may go now (by the same rule as nextSendable: a recipient whose
      // first message waits for a retry is not listed), urgent first, then oldest first.
      return s(
        `SELECT o.channel, o.external_id AS recipient FROM outbox o
         WHERE o.status = 'pending' AND o.channel IN (${marks}) AND o.next_attempt_at <= ?
           AND ${FIRST_PENDING}
         GROUP BY o.channel, o.external_id
         ORDER BY MAX(o.priority) DESC, MIN(o.id)
         LIMIT ?`,
      ).all(...channels, now, limit) as Recipient[];
    },
    nextSendable: async (due, now) => {
      // A message waits while an earlier one to the same recipient is still pending, so that
      // questions arrive in order; urgent messages do not wait behind ordinary ones.
      // INDEXED BY: left to itself the planner walks every due row of the channel (outbox_pending)
      // looking for this recipient, which costs more the more clients are waiting.
      // `alone` counts every pending row of theirs, those waiting for a retry included.
      const row = s(
        `SELECT o.*, (SELECT COUNT(*) FROM outbox a INDEXED BY outbox_recipient
                      WHERE a.status = 'pending' AND a.channel = o.channel AND a.external_id = o.external_id) = 1 AS alone
         FROM outbox o INDEXED BY outbox_recipient
         WHERE o.status = 'pending' AND o.channel = ? AND o.external_id = ? AND o.next_attempt_at <= ?
           AND ${FIRST_PENDING}
         ORDER BY o.priority DESC, o.id
         LIMIT 1`,
      ).get(due.channel, due.recipient, now) as Row | undefined;
      if (!row) return undefined;
      const taken = toOutboxRow(row, c);
      wal.taken(taken);
      return { ...taken, last: row.alone === 1 };
    },
    // Several sent messages in one write: one commit per delivery pass, not per message.
    markSentMany: async (ids, at) => {
      const mark = s(MARK_SENT);
      db.transaction(() => {
        for (const id of ids) mark.run(at, id);
        // One statement for the pass, not one a row: a row to no person is rare.
        s(DROP_UNOWNED_MANY).run(JSON.stringify(ids));
      })();
      wal.scrubbedRows(ids);
    },
    markSent: async (id, at) => {
      s(MARK_SENT).run(at, id);
      s(DROP_UNOWNED).run(id);
      wal.scrubbedRows([id]);
    },
    markRetry: async (id, error, nextAttemptAt, counts = true) => {
      s("UPDATE outbox SET attempts = attempts + ?, last_error = ?, next_attempt_at = ? WHERE id = ?").run(
        counts ? 1 : 0,
        error,
        nextAttemptAt,
        id,
      );
    },
    bringForward: async (channel, now, limit = -1) =>
      db.transaction(() => {
        const rows = s(
          `SELECT id, next_attempt_at AS due FROM outbox
           WHERE status = 'pending' AND channel = ? AND attempts > 0 AND next_attempt_at > ?
           ORDER BY next_attempt_at LIMIT ?`,
        ).all(channel, now, limit) as { id: number; due: string }[];
        const move = s("UPDATE outbox SET next_attempt_at = ? WHERE id = ?");
        for (const row of rows) move.run(now, row.id);
        return rows;
      })(),
    markFailed: async (id, error, at) => {
      s(MARK_FAILED).run(error, at, id);
      s(DROP_UNOWNED).run(id);
      wal.scrubbedRows([id]);
    },
    nextAttemptAt: async (channels) => {
      if (channels.length === 0) return undefined;
      const marks = channels.map(() => "?").join(", ");
      // Only the first pending message of each recipient counts: the ones behind it wait for it.
      const row = s(
        `SELECT MIN(o.next_attempt_at) AS due FROM outbox o
         WHERE o.status = 'pending' AND o.channel IN (${marks}) AND ${FIRST_PENDING}`,
      ).get(...channels) as { due: string | null };
      return row.due ?? undefined;
    },
    pending: async (recipient) =>
      (
        s(
          `SELECT * FROM outbox
           WHERE status = 'pending' AND channel = ? AND external_id = ? ORDER BY priority DESC, id`,
        ).all(recipient.channel, recipient.recipient) as Row[]
      ).map((r) => toOutboxRow(r, c)),
  };
}
