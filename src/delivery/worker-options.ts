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
}

/**
 * A send that takes longer counts as failed (recovery.ts). PostgreSQL's claims on outbox rows
 * outlast it (src/store/postgres/pool.ts CLAIM_LEASE_MS).
 */
export const DEFAULT_SEND_TIMEOUT_MS = 60_000;

export const WORKER_DEFAULTS: WorkerOptions = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  batchSize: 1000,
  // A lane is a promise waiting on one recipient's send; the platforms' rate limits, not the lanes,
  // bound what goes out. With 32, the round trip of each send capped a busy clinic's throughput
  // (closed loops at 100 clients, bench/RESULTS.md) while the server still had CPU to spare.
  concurrency: 128,
  pollMs: 1_000,
  sendTimeoutMs: DEFAULT_SEND_TIMEOUT_MS,
};
