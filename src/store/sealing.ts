import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { ConfigError } from "../errors.js";
import type { DataKey } from "./field-crypto.js";

/**
 * What the database says about its own fields: sealed or not, with which key, and in which form.
 * Form 2 binds each value to its place and stores inbound ids as hashes; form 1 is the earlier
 * version's (sealed without place, ids in clear).
 */
export interface SealingState {
  keyId: string | null;
  format: number;
  secret: Buffer;
}

export const CURRENT_FORMAT = 2;

/** What opening the database with the configured keys has to do first. */
type SealingPlan =
  | { kind: "ready" }
  | { kind: "reseal"; reason: "first key" | "new key" | "upgrade" }
  | { kind: "refuse"; message: string };

/**
 * Pure: the stored state against the configured keys (the first is the one to seal with, the
 * others only open). A database is never opened half-sealed: it is re-sealed at once, or refused.
 */
export function planSealing(state: SealingState, keys: readonly DataKey[]): SealingPlan {
  const current = keys[0]?.id ?? null;
  if (state.keyId !== null && !keys.some((k) => k.id === state.keyId)) {
    return {
      kind: "refuse",
      message:
        keys.length > 1
          ? // rotate-key with an --old that is not the key in use: saying to run it again helps nobody.
            `the database is sealed with key ${state.keyId}, and neither key given is that one (RAPPORT_DATA_KEY is ${current}, --old is ${keys
              .slice(1)
              .map((k) => k.id)
              .join(", ")}): --old must be the key the database is sealed with now`
          : current
            ? // Either the key was rotated and this one is the old (set the new), or this one is new
              // and the database is still on the old (rotate to it): the state cannot tell which.
              `the database is sealed with key ${state.keyId}, not ${current} (RAPPORT_DATA_KEY). If the database was moved to key ${state.keyId} (rotate-key), set RAPPORT_DATA_KEY to that key; to move it to this key, run \`rapport rotate-key --old OLD_KEY\` with OLD_KEY the key ${state.keyId}`
            : `the database is sealed with key ${state.keyId}: set RAPPORT_DATA_KEY to that key`,
    };
  }
  if (state.keyId === current && state.format === CURRENT_FORMAT) return { kind: "ready" };
  if (state.keyId === null && current === null) return { kind: "reseal", reason: "upgrade" };
  if (state.keyId === null) return { kind: "reseal", reason: "first key" };
  return { kind: "reseal", reason: state.keyId === current ? "upgrade" : "new key" };
}

/**
 * The stored state, written on first open: a new file starts in the current form with the
 * configured key; a file of the earlier version is found sealed (form 1) when one of its values
 * carries a key id, and plain otherwise.
 */
export function readSealing(db: Database.Database, keys: readonly DataKey[], fresh: boolean): SealingState {
  const row = db.prepare("SELECT key_id, format, secret FROM sealing WHERE id = 1").get() as
    | { key_id: string | null; format: number; secret: string }
    | undefined;
  if (row) return { keyId: row.key_id, format: row.format, secret: Buffer.from(row.secret, "base64") };
  const state: SealingState = fresh
    ? { keyId: keys[0]?.id ?? null, format: CURRENT_FORMAT, secret: randomBytes(32) }
    : { keyId: legacyKeyId(db), format: 1, secret: randomBytes(32) };
  writeSealing(db, state);
  return state;
}

export function writeSealing(db: Database.Database, state: SealingState): void {
  db.prepare(
    `INSERT INTO sealing (id, key_id, format, secret) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, format = excluded.format`,
  ).run(state.keyId, state.format, state.secret.toString("base64"));
}

/** The earlier version sealed every identity's address: its key id is the database's. */
function legacyKeyId(db: Database.Database): string | null {
  const row = db.prepare("SELECT address FROM identities WHERE address LIKE 'enc1:%' LIMIT 1").get() as
    | { address: string }
    | undefined;
  return row ? (row.address.split(":")[1] ?? null) : null;
}

export function refuseSealing(message: string): never {
  throw new ConfigError(message, "RAPPORT_DATA_KEY");
}
