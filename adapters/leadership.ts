import type { Logger } from "../src/log.js";
import { contend, type LeaderEvents, POLLING_LOCK } from "../src/store/postgres/leader.js";
import type { DatabaseReachability } from "../src/store/reachability.js";

/**
 * Who does what only one process may do: long polling Telegram (a second poller of one bot gets
 * 409 Conflict). With SQLite there is one process, which always leads; with PostgreSQL the
 * instances on one database elect one by an advisory lock (src/store/postgres/leader.ts).
 */
export interface Leadership {
  /** Several processes contend (PostgreSQL); false: this one always leads. */
  readonly shared: boolean;
  /** How long a follower waits between two tries of the lock. */
  readonly retryMs: number;
  /** Starts contending; stop() tells lose() first if this process leads. */
  contend(events: LeaderEvents): { stop(): Promise<void> };
}

/** How often an instance that does not poll tries to take over, and the poller checks its lock's connection. */
const POLLING_RETRY_MS = 5_000;

/** The one process: it leads from the start until stopped. */
export const alone: Leadership = {
  shared: false,
  retryMs: POLLING_RETRY_MS,
  contend(events) {
    events.lead();
    return { stop: async () => events.lose() };
  },
};

/**
 * The election of the Telegram poller among the instances on one PostgreSQL database. The lock's
 * connection is named `applicationName` in pg_stat_activity. While `database` knows the database
 * is away, a failed try is not logged again.
 */
export function pollingLeadership(
  url: string,
  applicationName: string,
  log: Logger,
  retryMs = POLLING_RETRY_MS,
  database?: DatabaseReachability,
): Leadership {
  return {
    shared: true,
    retryMs,
    contend: (events) =>
      contend(
        {
          url,
          lock: POLLING_LOCK,
          retryMs,
          applicationName,
          onError: (error) => {
            if (database?.failed("polling lock", error)) return;
            log.warn(
              {
                channel: "telegram",
                err: error instanceof Error ? error.message : "unknown",
                retryInMs: retryMs,
              },
              "polling lock: connection failed",
            );
          },
        },
        events,
      ),
  };
}
