import type { Recipient, Tx } from "../store/types.js";

/**
 * Whom a commit queued messages for, handed to the delivery worker after the commit, so that it
 * asks the store about those recipients only instead of listing everyone with something due.
 * A recipient noted in a transaction that rolled back costs the worker one read that finds
 * nothing; the store stays the truth about what is sent.
 */
export type OnQueued = (recipients?: readonly Recipient[]) => void;

/** `tx`, with every recipient its enqueues reached noted in `into` (the rest of `tx` as it is). */
export function notingRecipients(tx: Tx, into: Recipient[]): Tx {
  const noted: Tx = Object.create(tx);
  noted.enqueue = async (...args) => {
    const recipient = await tx.enqueue(...args);
    if (recipient) into.push(recipient);
    return recipient;
  };
  noted.enqueueDirect = async (...args) => {
    const recipient = await tx.enqueueDirect(...args);
    into.push(recipient);
    return recipient;
  };
  return noted;
}
