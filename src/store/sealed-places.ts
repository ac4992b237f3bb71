import { type DataKey, type FieldCrypto, isLegacySealed, type Place } from "./field-crypto.js";
import type { SealingState } from "./sealing.js";

/**
 * Every sealed column, with the row key its values are bound to: the same in both stores, whose
 * schemas name the same tables, columns and keys. Read by each store's re-seal; the stores' own
 * reads and writes name the same places (src/store/common/places.ts). Identities' and queued
 * messages' addresses are sealed together with the platform id they hash, and re-sealed apart.
 */
export const SEALED: readonly { table: string; column: string; keys: readonly string[]; where?: string }[] = [
  { table: "people", column: "name", keys: ["id"], where: "role = 'client'" },
  { table: "checkins", column: "comment", keys: ["id"] },
  { table: "checkins", column: "assessment", keys: ["id"] },
  { table: "answers", column: "value", keys: ["checkin_id", "instrument", "item"] },
  { table: "warnings", column: "rule", keys: ["id"] },
  { table: "warnings", column: "severity", keys: ["id"] },
  { table: "rule_states", column: "state", keys: ["episode_id", "rule"] },
  { table: "risk_events", column: "content", keys: ["id"] },
  { table: "risk_events", column: "safety_answer", keys: ["id"] },
  { table: "risk_alerts", column: "matched", keys: ["id"] },
  { table: "clients", column: "emergency_contact", keys: ["person_id"] },
];

/** The tables a re-seal rewrites: those of SEALED, the clients' alias hashes, identities and the outbox. */
export const RESEALED_TABLES: readonly string[] = [
  ...new Set([...SEALED.map((s) => s.table), "clients", "identities", "outbox"]),
];

/**
 * Reads a stored value as the database's state says it was written: as it is when the database
 * was plain; leniently in the earlier form (a value then could be sealed or, stored before the
 * key was set, plain: only a value that opens with a configured key counts as sealed, so a
 * client's text that merely looks sealed stays text); strictly in the current form.
 */
export function oldReader(state: SealingState, old: FieldCrypto, keys: readonly DataKey[]) {
  return (stored: string, place: Place): string => {
    if (state.keyId === null) return stored;
    if (state.format >= 2) return old.open(stored, place);
    if (!isLegacySealed(stored, keys)) return stored;
    try {
      return old.open(stored, place);
    } catch {
      return stored;
    }
  };
}
