import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import type { DataKey } from "../field-crypto.js";

export interface PostgresOptions {
  /** RAPPORT_DATA_KEY first, then any older key that values may still be sealed with. */
  keys?: readonly DataKey[];
  /** Connections in the pool (the delivery worker's reads and marks, and transactions). */
  poolSize?: number;
  /**
   * What this process is ("serve"), shown with its instance id in the application name of its
   * connections (`rapport serve <id>` in pg_stat_activity), by which the live servers of a
   * database can be counted. Several servers share one database: nothing is locked for it.
   */
  purpose?: string;
  /** This instance's id, which its claims on outbox rows carry; a random one unless given. */
  instance?: string;
  /** How long a claim on an outbox row holds (CLAIM_LEASE_MS unless given: tests shorten it). */
  claimLeaseMs?: number;
  /** Rewrites the tables an erasure reached after it commits (erasure-vacuum.ts); off only in the test that shows why. */
  vacuumAfterErasure?: boolean;
  /** false: a database at an earlier schema is refused (refuseOlderSchema), not migrated. */
  upgrade?: boolean;
}

/**
 * How long an instance's claim on an outbox row holds. The delivery worker claims a row just
 * before it sends it and gives a send at most its time-out (DEFAULT_SEND_TIMEOUT_MS, 60 s, in
 * src/delivery/worker-options.ts; serve keeps it); the mark that ends the claim follows within a turn of
 * the event loop. The 30 s beyond that cover a stalled event loop or a slow mark, so the claim of a
 * live instance does not run out under a send in flight, which another instance would then send
 * again. Longer would only make a killed instance's recipients wait longer for their next message.
 * The claim is timed by the database's clock, the one clock every instance reads alike.
 */
export const CLAIM_LEASE_MS = 90_000;

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Counts and ids (int8) and sums (numeric) as JavaScript numbers, not strings: ids stay far below
 * 2^53, and the store's records hold numbers.
 */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * The store's pool of connections to `url`. Each connection is named `rapport <purpose> <instance>`
 * (pg_stat_activity) in its startup message, before it runs anything, even when the URL names an
 * application of its own: the live servers are counted by this name. The URL is read with pg's
 * own parser so that its other settings (host, socket folder, TLS) reach the pool as they would.
 */
export function openPool(url: string, options: PostgresOptions, instance: string): pg.Pool {
  const pool = new pg.Pool({
    ...parseIntoClientConfig(url),
    application_name: connectionName(options.purpose, instance),
    max: options.poolSize ?? 10,
    types,
  });
  // An idle connection that the server drops (a restart, a fail-over) is replaced at the next
  // query; without a listener its error would end the process.
  pool.on("error", ignore);
  return pool;
}

/**
 * The application name of a process's connections: `rapport serve <instance>` for a server (the
 * live servers are counted by it: instances.ts), `rapport <instance>` for a command.
 */
export function connectionName(purpose: string | undefined, instance: string): string {
  return ["rapport", purpose, instance].filter(Boolean).join(" ");
}

function ignore(): void {}
