import { RapportError } from "../../errors.js";
import type { Queryable } from "./context.js";

/**
 * How a serving instance names its connections (`application_name`): this, then its instance id.
 * The count below finds the live instances by it.
 */
const INSTANCE_NAME_PREFIX = "rapport serve ";

/**
 * The serving instances connected to this database now: distinct application names that start
 * with INSTANCE_NAME_PREFIX among the database's sessions. An instance that dies drops out as the
 * server ends its sessions (at once when its connections close; a vanished machine's only when the
 * server's TCP keepalive gives up). pg_stat_activity shows every session's application name to
 * any user, so no extra privilege is needed. At least 1 (the caller itself, whatever its name).
 *
 * The same query reads the schema version: a serving instance asks every few seconds, so it
 * notices when another instance, of a later rapport, has migrated the database beyond `known`
 * (the latest version this rapport has), and fails with db_version naming both.
 */
export async function liveInstances(q: Queryable, known?: number): Promise<number> {
  const version = known === undefined ? "NULL" : "(SELECT MAX(version) FROM schema_migrations)";
  const result = await q.query<{ n: number; v: number | null }>(
    `SELECT (SELECT COUNT(DISTINCT application_name)::int FROM pg_stat_activity
              WHERE datname = current_database() AND application_name LIKE $1) AS n, ${version} AS v`,
    [`${INSTANCE_NAME_PREFIX}%`],
  );
  const found = result.rows[0]?.v ?? 0;
  if (known !== undefined && found > known) {
    throw new RapportError(
      `the database is now at schema version ${found}, newer than this rapport knows (${known}): another instance of a later rapport has migrated it. This instance stops taking events; start the later version in its place`,
      "db_version",
    );
  }
  return Math.max(1, result.rows[0]?.n ?? 0);
}

/**
 * Refuses with `message` (a ConfigError-like RapportError, db_locked) while a serving instance
 * other than the caller's own session is connected: work that must have the database to itself
 * (a re-seal, a copy into it) would otherwise race a server writing with the old key or into the
 * copied tables. The message names what to do, and the setting behind it.
 */
export async function refuseWhileServed(q: Queryable, message: string): Promise<void> {
  const result = await q.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name LIKE $1
        AND application_name <> current_setting('application_name')`,
    [`${INSTANCE_NAME_PREFIX}%`],
  );
  if ((result.rows[0]?.n ?? 0) > 0) throw new RapportError(message, "db_locked");
}
