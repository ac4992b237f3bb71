import type { Place } from "../field-crypto.js";
import type { Statements } from "./context.js";

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

/**
 * The id the next row of `table` gets, chosen before the insert so that its sealed values can be
 * bound to it. Safe inside the store's write transaction (BEGIN IMMEDIATE: one writer), and the
 * same number SQLite would have chosen.
 */
export function nextId(s: Statements, table: string): number {
  return (s(`SELECT COALESCE(MAX(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
}
