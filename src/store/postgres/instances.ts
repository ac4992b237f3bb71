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
 */
export async function liveInstances(q: Queryable): Promise<number> {
  const result = await q.query<{ n: number }>(
    `SELECT COUNT(DISTINCT application_name)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name LIKE $1`,
    [`${INSTANCE_NAME_PREFIX}%`],
  );
  return Math.max(1, result.rows[0]?.n ?? 0);
}

/**
 * Refuses while a serving instance other than the caller's own session is connected: work that
 * must have the database to itself (a re-seal, a copy into it) would otherwise race a server
 * writing with the old key or into the copied tables. `what` names the work in the message.
 */
export async function refuseWhileServed(q: Queryable, what: string, setting: string): Promise<void> {
  const result = await q.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name LIKE $1
        AND application_name <> current_setting('application_name')`,
    [`${INSTANCE_NAME_PREFIX}%`],
  );
  if ((result.rows[0]?.n ?? 0) > 0) {
    throw new RapportError(
      `${setting}: the database is in use by a rapport serve; stop every server before ${what}`,
      "db_locked",
    );
  }
}
