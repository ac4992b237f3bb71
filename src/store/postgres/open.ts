import { randomBytes } from "node:crypto";
import type pg from "pg";
import { RapportError } from "../../errors.js";
import { type FieldCrypto, fieldCrypto } from "../field-crypto.js";
import { refuseOlderSchema, type SchemaChange } from "../schema-change.js";
import { planSealing, refuseSealing } from "../sealing.js";
import { MIGRATION_LOCK, migrate, readSealing, schemaVersion } from "./migrate.js";
import { PG_MIGRATIONS } from "./migrations.js";
import { openPool, type PostgresOptions } from "./pool.js";
import { resealDatabase } from "./reseal.js";

/** A database ready for the store: migrated, its sealing in force. */
export interface OpenedDatabase {
  pool: pg.Pool;
  crypto: FieldCrypto;
  /** This instance's id, which its claims on outbox rows carry. */
  instance: string;
  /** How many values opening re-sealed (a first or a new key); null: none needed. */
  resealed: number | null;
  /** The migration opening ran on an existing database; null: none (or a new, empty one). */
  migrated: SchemaChange | null;
}

/**
 * Connects, migrates to the latest schema under an advisory lock (instances starting together
 * take turns), and reads or writes the sealing row under the same lock; re-seals under it when
 * given a first or a new key (refused while another server is running). A database sealed with
 * another key is refused. On any failure the pool is ended.
 */
export async function openDatabase(
  url: string,
  now: Date,
  options: PostgresOptions,
): Promise<OpenedDatabase> {
  const keys = options.keys ?? [];
  const instance = options.instance ?? randomBytes(6).toString("hex");
  const pool = openPool(url, options, instance);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    await pool.end();
    throw new RapportError(
      `RAPPORT_DATABASE_URL: cannot connect to PostgreSQL: ${(cause as Error).message}`,
      "db_open",
      { cause },
    );
  }
  client.on("error", ignore);
  let broken = false;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK.toString()]);
    try {
      const latest = PG_MIGRATIONS.at(-1)?.version ?? 0;
      const found = await schemaVersion(client);
      if (options.upgrade === false) refuseOlderSchema("RAPPORT_DATABASE_URL", "the database", found, latest);
      const applied = await migrate(client, now.toISOString());
      const version = await schemaVersion(client);
      if (version > latest) {
        throw new RapportError(
          `RAPPORT_DATABASE_URL: the database has a schema newer than this rapport knows (${latest}); upgrade rapport`,
          "db_version",
        );
      }
      const state = await readSealing(client, keys);
      const plan = planSealing(state, keys);
      if (plan.kind === "refuse") refuseSealing(plan.message);
      const crypto = fieldCrypto(keys, state.secret);
      // Under the migration lock: an instance starting meanwhile waits for the re-seal.
      const resealed = plan.kind === "reseal" ? await resealDatabase(client, state, keys, crypto) : null;
      const migrated = found > 0 && applied.length > 0 ? { from: found, to: version } : null;
      return { pool, crypto, instance, resealed, migrated };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK.toString()]);
    }
  } catch (error) {
    broken = true;
    client.off("error", ignore);
    client.release(true);
    await pool.end();
    throw error;
  } finally {
    if (!broken) {
      client.off("error", ignore);
      client.release();
    }
  }
}

function ignore(): void {}
