import type { DatabaseReachability } from "../store/reachability.js";
import type { RecoveryOptions } from "./recovery.js";

/** The delivery worker's settings, and what it runs with unless told otherwise. */

export interface WorkerOptions extends RecoveryOptions {
  batchSize: number;
  /** Messages to different recipients sent at the same time. */
  concurrency: number;
  /**
   * How often to look at the whole outbox for rows this worker was not woken for: written by
   * another process (a CLI command beside `serve`; on PostgreSQL, another instance), or freed
   * when a dead instance's claim ran out. Serve sets it for PostgreSQL (SHARED_OUTBOX_LOOK_MS).
   */
  pollMs: number;
  /**
   * Shared by serve's loops: while the database is away its failures are one line for all of
   * them (reachability.ts). Unset: each failed pass is logged.
   */
  database?: DatabaseReachability;
}

/**
 * A send that takes longer counts as failed (recovery.ts). PostgreSQL's claims on outbox rows
 * outlast it (src/store/postgres/pool.ts CLAIM_LEASE_MS).
 */
export const DEFAULT_SEND_TIMEOUT_MS = 60_000;

/**
 * An ordinary message's retries wait 3–4 s, 12–16 s, about a minute, 4, 16 and 64 minutes, then
 * 4¼ hours (capped at 6 h): eight attempts (delivery.maxAttempts) span about 4½ to 6 hours
 * before it is given up, so that a platform's outage of an hour or two loses nothing. Urgent
 * messages wait at most a minute between attempts and are never given up (retry-policy.ts).
 */
export const WORKER_DEFAULTS: WorkerOptions = {
  maxAttempts: 8,
  baseDelayMs: 4_000,
  maxDelayMs: 6 * 3_600_000,
  batchSize: 1000,
  // A lane is a promise waiting on one recipient's send; the platforms' rate limits, not the lanes,
  // bound what goes out. With 32, the round trip of each send capped a busy clinic's throughput
  // (closed loops at 100 clients, bench/RESULTS.md) while the server still had CPU to spare.
  concurrency: 128,
  pollMs: 1_000,
  sendTimeoutMs: DEFAULT_SEND_TIMEOUT_MS,
};
