import type { Place } from "../field-crypto.js";

/**
 * The place each sealed value is bound to (its table, column and row key), named once for the
 * store's reads, writes and re-seal alike.
 */
export const place = (table: string, column: string, row: string | number): Place => ({ table, column, row });

/** An identity's address is bound to its channel and the hash of its platform id. */
export function identityPlace(channel: string, hashedId: string): Place {
  return place("identities", "address", `${channel}:${hashedId}`);
}

export function outboxPlace(column: "address" | "message", id: number): Place {
  return place("outbox", column, id);
}

export function answerPlace(checkinId: number, instrument: string, item: string): Place {
  return place("answers", "value", `${checkinId}:${instrument}:${item}`);
}
