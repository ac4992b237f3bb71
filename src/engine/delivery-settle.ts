import type { OutboxRow, Store } from "../store/types.js";
import { therapistUnreached } from "./risk/unreached.js";
import { type EngineDeps, personWording } from "./turn-context.js";

/** How a delivery ended for good: the recipient cannot be reached, or every attempt failed. */
export type FinalOutcome = "unreachable" | "failed";

/**
 * Settles a message that will not be delivered, in one transaction: the row is given up, and a
 * client's therapist is told (once, for an identity that became unreachable; for an ordinary
 * message given up after its last attempt). A crash cannot leave the row settled and the notice
 * lost. Returns whether a notice was queued.
 */
export async function settleFailure(
  store: Store,
  deps: EngineDeps,
  row: OutboxRow,
  outcome: FinalOutcome,
  error: string,
): Promise<boolean> {
  return store.transaction(async (tx) => {
    const now = deps.clock.now().toISOString();
    await tx.failDelivery(row.id, error, now);
    let personId: number | null | undefined = row.personId;
    if (outcome === "unreachable") {
      // Told only the first time the identity is found unreachable.
      personId = await tx.markUnreachable(row.channel, row.externalId, now);
    } else if (row.message.urgent) {
      // Urgent messages are not given up while the recipient is reachable: nothing to tell.
      personId = undefined;
    }
    const client = personId === null || personId === undefined ? undefined : await tx.getClient(personId);
    if (!client) {
      // A therapist who blocked the bot: the open alerts they hold can reach them no more.
      if (outcome === "unreachable" && personId) await therapistUnreached(tx, deps, now, personId);
      return false;
    }
    const w = await personWording(tx, deps, client.therapistId);
    const text =
      outcome === "unreachable"
        ? w.t("client_unreachable", { alias: client.alias, channel: row.channel })
        : w.t("delivery_failed", { alias: client.alias });
    await tx.enqueue(client.therapistId, { kind: "info", text }, now, undefined, client.personId);
    return true;
  });
}
