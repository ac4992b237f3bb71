import { identityPlace, outboxPlace } from "../common/places.js";
import type { OutboxTx } from "../tx.js";
import { nextId, type PgContext, type Row } from "./context.js";

const URGENT_PRIORITY = 10;

/**
 * A finished outbox row keeps no content and no address: the outbox is a queue, not an
 * archive, and what was sent to a person must not outlive an erasure in it.
 */
const SCRUB = "external_id = '', address = '{}', message = '{}'";

/** A mark ends whatever claim the row had (outbox-queue.ts): the row is no longer being sent. */
export const UNCLAIM = "claimed_by = NULL, claimed_until = NULL";

/**
 * A row addressed to no person (a reply to an unknown sender, an erased client's goodbye) goes
 * once it is settled: nobody's record holds it, and kept, its time would date an erasure. The
 * marks drop such rows and mark the others in one statement (the two sets of rows are apart), so
 * the delivery pass makes no round trip more for them.
 */
const DROP_UNOWNED = "DELETE FROM outbox WHERE id = ANY($2::bigint[]) AND person_id IS NULL RETURNING id";

export const MARK_SENT = `WITH dropped AS (${DROP_UNOWNED})
  UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL, ${SCRUB}, ${UNCLAIM}
  WHERE id = ANY($2::bigint[]) AND person_id IS NOT NULL`;
export const MARK_FAILED = `WITH dropped AS (${DROP_UNOWNED})
  UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = $3, sent_at = $1, ${SCRUB}, ${UNCLAIM}
  WHERE id = ANY($2::bigint[]) AND person_id IS NOT NULL`;

/**
 * The id the row queued next gets (as nextId in context.ts), taken from the sequence with the
 * recipient's identity: one round trip for both, and no id taken when there is no recipient.
 */
const NEXT_ID = "nextval(pg_get_serial_sequence('outbox', 'id')) AS next_id";

/** The first pending message of each recipient: the ones behind it wait for it, so questions stay in order. */
export const FIRST_PENDING = `NOT EXISTS (
  SELECT 1 FROM outbox p
  WHERE p.status = 'pending' AND p.channel = o.channel AND p.external_id = o.external_id
    AND p.id < o.id AND p.priority >= o.priority)`;

/**
 * The outbox's writing side: messages queued inside an event's transaction, addressed to the
 * person's reachable identity, with the address and message sealed for their row.
 */
export function pgOutbox(q: PgContext): OutboxTx {
  const { c } = q;
  return {
    enqueue: async (personId, message, at, via, about) => {
      let target: Row | undefined;
      if (via && via.personId === personId) {
        target = await q.get(
          `SELECT channel, external_id, address, ${NEXT_ID} FROM identities
           WHERE channel = $1 AND external_id = $2 AND unreachable_at IS NULL`,
          [via.channel, c.lookup(via.externalId)],
        );
      }
      // The latest identity chosen first, in a subquery: the sequence advances for the one row only.
      target ??= await q.get(
        `SELECT t.*, ${NEXT_ID} FROM (
           SELECT channel, external_id, address FROM identities
           WHERE person_id = $1 AND unreachable_at IS NULL ORDER BY last_seen_at DESC LIMIT 1) t`,
        [personId],
      );
      const priority = message.urgent ? URGENT_PRIORITY : 0;
      if (!target) {
        // Kept, without content, not dropped: the row shows that a message could not be sent to anyone.
        await q.run(
          `INSERT INTO outbox (person_id, about_person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at, last_error)
           VALUES ($1, $2, '', '', '{}', '{}', $3, 'failed', $4, $4, 'no reachable identity')`,
          [personId, about ?? null, priority, at],
        );
        return undefined;
      }
      const id = Number(target.next_id);
      // The address is sealed again for the row it is copied into: a sealed value opens only in its place.
      const address = c.open(
        String(target.address),
        identityPlace(String(target.channel), String(target.external_id)),
      );
      await q.run(
        `INSERT INTO outbox (id, person_id, about_person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $9)`,
        [
          id,
          personId,
          about ?? null,
          target.channel,
          target.external_id,
          c.seal(address, outboxPlace("address", id)),
          c.seal(JSON.stringify(message), outboxPlace("message", id)),
          priority,
          at,
        ],
      );
      return { channel: String(target.channel), recipient: String(target.external_id) };
    },
    enqueueDirect: async (channel, externalId, address, message, at) => {
      const id = await nextId(q, "outbox");
      const recipient = c.lookup(externalId);
      await q.run(
        `INSERT INTO outbox (id, person_id, channel, external_id, address, message, priority, status, next_attempt_at, created_at)
         VALUES ($1, NULL, $2, $3, $4, $5, $6, 'pending', $7, $7)`,
        [
          id,
          channel,
          recipient,
          c.seal(JSON.stringify({ externalId, address }), outboxPlace("address", id)),
          c.seal(JSON.stringify(message), outboxPlace("message", id)),
          message.urgent ? URGENT_PRIORITY : 0,
          at,
        ],
      );
      return { channel, recipient };
    },
    markUnreachable: async (channel, externalId, at) => {
      const changed = await q.get<{ person_id: number }>(
        `UPDATE identities SET unreachable_at = $1 WHERE channel = $2 AND external_id = $3 AND unreachable_at IS NULL
         RETURNING person_id`,
        [at, channel, c.lookup(externalId)],
      );
      await q.run(
        `UPDATE outbox SET status = 'failed', last_error = 'recipient unreachable', sent_at = $1, ${SCRUB}, ${UNCLAIM}
         WHERE status = 'pending' AND channel = $2 AND external_id = $3`,
        [at, channel, c.lookup(externalId)],
      );
      return changed?.person_id;
    },
    lastQueuedAt: async (personId) =>
      (
        await q.get<{ at: string | null }>("SELECT MAX(created_at) AS at FROM outbox WHERE person_id = $1", [
          personId,
        ])
      )?.at ?? undefined,
    failDelivery: async (outboxId, error, at) => {
      await q.run(MARK_FAILED, [at, [outboxId], error]);
      q.erasures?.scrubbedInTransaction(outboxId);
    },
  };
}
