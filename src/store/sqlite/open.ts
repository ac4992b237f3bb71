import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { RapportError } from "../../errors.js";
import { type DataKey, type FieldCrypto, fieldCrypto } from "../field-crypto.js";
import { refuseOlderSchema, type SchemaChange } from "../schema-change.js";
import { oldReader } from "../sealed-places.js";
import {
  CURRENT_FORMAT,
  planSealing,
  readSealing,
  refuseSealing,
  type SealingState,
  writeSealing,
} from "../sealing.js";
import { type DbLock, takeLock } from "./db-lock.js";
import { prepareDbFile } from "./db-path.js";
import { migrate, schemaVersion } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";
import { reseal } from "./reseal.js";

/** An open, migrated database with its sealing ready, before the store is built on it. */
export interface OpenedDatabase {
  db: Database.Database;
  crypto: FieldCrypto;
  lock: DbLock | undefined;
  /** How many values opening re-sealed; null: none needed. */
  resealed: number | null;
  /** The migration opening ran on an existing database; null: none (or a new, empty file). */
  migrated: SchemaChange | null;
}

/** The database's folder and files that others than the owner may read: said at start, not changed. */
export function widePermissions(path: string): string[] {
  if (path === ":memory:") return [];
  return [dirname(path), path, `${path}-wal`, `${path}-shm`].filter(
    (p) => existsSync(p) && (statSync(p).mode & 0o077) !== 0,
  );
}

export interface OpenOptions {
  /** RAPPORT_DATA_KEY first, then any older key that values may still be sealed with. */
  keys?: readonly DataKey[];
  /** Takes the database's lock for this purpose ("serve"): refused while another process holds it. */
  hold?: string;
  /** false: a database at an earlier schema is refused (refuseOlderSchema), not migrated. */
  upgrade?: boolean;
}

/**
 * Brings every sealed value to the configured key and the current form, in one transaction,
 * under the database's lock (taken here unless the caller holds it), then rewrites the file so
 * no page keeps a value in its old form.
 */
function resealFile(
  db: Database.Database,
  path: string,
  state: SealingState,
  keys: readonly DataKey[],
  crypto: FieldCrypto,
  takeOwnLock: boolean,
): number {
  const lock = takeOwnLock ? takeLock(path, "re-sealing the database") : undefined;
  try {
    let count = 0;
    db.transaction(() => {
      count = reseal(db, oldReader(state, crypto, keys), crypto, state.format < CURRENT_FORMAT);
      // Hashes of the earlier version's fixed key could be reversed: dropped, not carried over.
      if (state.format < CURRENT_FORMAT) db.exec("DELETE FROM code_attempts");
      writeSealing(db, { ...state, keyId: keys[0]?.id ?? null, format: CURRENT_FORMAT });
    }).immediate();
    if (path !== ":memory:") db.exec("VACUUM");
    return count;
  } finally {
    lock?.release();
  }
}

/**
 * Opens (creating the folder and file if needed), migrates to the latest schema, and brings the
 * sealed fields to the configured key: re-sealed at once when a key is new or the values are
 * in an earlier form, or refused when the database is sealed with a key that is not given.
 * `hold` takes the database's lock for a long-running process (`serve`).
 */
export function openDatabase(path: string, now: Date, options: OpenOptions): OpenedDatabase {
  const keys = options.keys ?? [];
  // Health data: the folder is the owner's alone (0700) and so is the file (0600); SQLite gives
  // its -wal and -shm files the file's own permissions.
  prepareDbFile(path);
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (cause) {
    throw new RapportError(`RAPPORT_DB: cannot open ${path}: ${(cause as Error).message}`, "db_open", {
      cause,
    });
  }
  let lock: DbLock | undefined;
  try {
    lock = options.hold ? takeLock(path, options.hold) : undefined;
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // Deleted and overwritten content is zeroed on disk, not left in free pages: an erased
    // client, or a value from before encryption, must not be readable from the file.
    db.pragma("secure_delete = ON");
    db.pragma("synchronous = NORMAL");
    // Another rapport process (a CLI command beside `serve`) may hold the write lock briefly.
    db.pragma("busy_timeout = 5000");
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    const found = schemaVersion(db);
    if (options.upgrade === false) refuseOlderSchema("RAPPORT_DB", path, found, latest);
    const applied = migrate(db, now.toISOString());
    if (schemaVersion(db) > latest) {
      throw new RapportError(
        `RAPPORT_DB: ${path} has schema version newer than this rapport knows (${latest}); upgrade rapport`,
        "db_version",
      );
    }
    const state = readSealing(db, keys, applied.includes(1));
    const plan = planSealing(state, keys);
    if (plan.kind === "refuse") refuseSealing(plan.message);
    const crypto = fieldCrypto(keys, state.secret);
    const resealed = plan.kind === "reseal" ? resealFile(db, path, state, keys, crypto, !lock) : null;
    const migrated = found > 0 && applied.length > 0 ? { from: found, to: schemaVersion(db) } : null;
    return { db, crypto, lock, resealed, migrated };
  } catch (error) {
    lock?.release();
    db.close();
    throw error;
  }
}
