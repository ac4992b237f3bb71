import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { OutboxRow, Store } from "../store/types.js";
import { backoffMs } from "./backoff.js";
import { type ChannelSender, DeliveryError } from "./channel-sender.js";
import { ChannelRateLimiter } from "./rate-limit.js";

export interface WorkerOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  batchSize: number;
  /** Messages to different recipients sent at the same time. */
  concurrency: number;
  /** How often to look for rows written by another process (a CLI command beside `serve`). */
  pollMs: number;
  /** Called once a recipient turns out to be unreachable (a blocked bot): the engine tells the therapist. */
  onUnreachable?: (row: OutboxRow) => Promise<void>;
  /** Called when a message is given up after its last attempt: the engine tells the therapist. */
  onFailed?: (row: OutboxRow) => Promise<void>;
  /** A send that takes longer than this counts as failed and is retried. */
  sendTimeoutMs: number;
}

/** Urgent messages retry at least this often, however long the platform is down. */
const URGENT_MAX_DELAY_MS = 60_000;

const DEFAULTS: WorkerOptions = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  batchSize: 100,
  concurrency: 8,
  pollMs: 1_000,
  sendTimeoutMs: 60_000,
};

/**
 * Sends outbox rows through their channel. A row is marked sent only after the channel
 * accepted it, so nothing is lost; messages to one recipient go in order, within the
 * channel's rate limits.
 */
export class DeliveryWorker {
  private readonly senders: Map<string, ChannelSender>;
  private readonly limiters = new Map<string, ChannelRateLimiter>();
  private readonly options: WorkerOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = true;
  /** The earliest time a message held back by a rate limit may go. */
  private heldUntil: number | undefined;

  constructor(
    private readonly store: Store,
    senders: readonly ChannelSender[],
    private readonly clock: Clock,
    private readonly log: Logger,
    options: Partial<WorkerOptions> = {},
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
    this.options = { ...DEFAULTS, ...options };
    const now = clock.now().getTime();
    for (const s of senders)
      if (s.limits) this.limiters.set(s.channel, new ChannelRateLimiter(s.limits, now));
  }

  get channels(): string[] {
    return [...this.senders.keys()];
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Something was queued: deliver soon. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Sends everything that is due now and allowed by the rate limits; returns how many were sent. */
  async drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drainLoop();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async drainLoop(): Promise<number> {
    let sent = 0;
    for (;;) {
      this.again = false;
      const now = this.clock.now();
      const rows = await this.store.dueMessages(this.channels, now.toISOString(), this.options.batchSize);
      const ready = this.admit(rows, now.getTime());
      let progress = 0;
      for (let i = 0; i < ready.length; i += this.options.concurrency) {
        const chunk = ready.slice(i, i + this.options.concurrency);
        const results = await Promise.all(chunk.map((r) => this.deliver(r)));
        const sentIds = chunk.filter((_, k) => results[k]).map((r) => r.id);
        // One write for the chunk: a crash before it means these are sent again (never lost).
        if (sentIds.length > 0) await this.store.markSentMany(sentIds, this.clock.now().toISOString());
        progress += sentIds.length;
      }
      sent += progress;
      // A recipient's next message shows up once the one before it is sent: go on while passes progress.
      if (progress === 0 && !this.again) return sent;
    }
  }

  /** One message per recipient per pass, and only what the rate limits allow now. */
  private admit(rows: readonly OutboxRow[], now: number): OutboxRow[] {
    const seen = new Set<string>();
    const ready: OutboxRow[] = [];
    for (const row of rows) {
      const key = `${row.channel}\u0000${row.externalId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Editing a message already in the chat is not a new message there: only the overall limit applies.
      const recipient = row.message.replaces ? undefined : row.externalId;
      const wait = this.limiters.get(row.channel)?.reserve(recipient, now) ?? 0;
      if (wait > 0) {
        this.heldUntil = Math.min(this.heldUntil ?? Number.POSITIVE_INFINITY, now + wait);
        continue;
      }
      ready.push(row);
    }
    return ready;
  }

  private async deliver(row: OutboxRow): Promise<boolean> {
    const sender = this.senders.get(row.channel);
    if (!sender) return false;
    try {
      await withTimeout(
        sender.send({
          outboxId: row.id,
          channel: row.channel,
          externalId: row.externalId,
          address: row.address,
          message: row.message,
        }),
        this.options.sendTimeoutMs,
      );
      return true;
    } catch (error) {
      await this.failed(row, error);
      return false;
    }
  }

  private async failed(row: OutboxRow, error: unknown): Promise<void> {
    const now = this.clock.now();
    const outcome = error instanceof DeliveryError ? error.outcome : "retry";
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
    // A platform's "slow down" (429 with a wait) is no failure of the message: it does not count.
    const retryAfter = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    const attempt = row.attempts + (retryAfter === undefined ? 1 : 0);
    // Crisis messages and urgent alerts are never given up while the recipient is reachable.
    const urgent = row.message.urgent === true;
    if (outcome !== "retry" || (!urgent && attempt >= this.options.maxAttempts)) {
      // Only ids and the error go into logs, never the message.
      this.log.warn({ outboxId: row.id, channel: row.channel, attempt, outcome }, "message not delivered");
      await this.store.markFailed(row.id, reason, now.toISOString());
      if (outcome === "unreachable") await this.options.onUnreachable?.(row);
      else if (outcome === "retry") await this.options.onFailed?.(row);
      return;
    }
    const cap = urgent ? URGENT_MAX_DELAY_MS : this.options.maxDelayMs;
    const wait = retryAfter ?? backoffMs(attempt, this.options.baseDelayMs, cap);
    this.log.info(
      { outboxId: row.id, channel: row.channel, attempt, waitMs: wait },
      "delivery will be retried",
    );
    await this.store.markRetry(
      row.id,
      reason,
      new Date(now.getTime() + wait).toISOString(),
      retryAfter === undefined,
    );
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.heldUntil = undefined;
    try {
      await this.drain();
    } catch (error) {
      this.log.error({ err: error }, "delivery pass failed");
    }
    const now = this.clock.now().getTime();
    const next = await this.store.nextDue(this.channels).catch(() => undefined);
    let delay = this.options.pollMs;
    // A message due now that was not sent is held by a rate limit: wake when the limit allows,
    // never in a tight loop.
    if (next && Date.parse(next) > now) delay = Math.min(delay, Date.parse(next) - now);
    if (this.heldUntil !== undefined) delay = Math.min(delay, this.heldUntil - now);
    this.schedule(Math.max(0, delay));
  }
}

/** A send that hangs must not hold the worker: after the time-out it counts as a failed attempt. */
async function withTimeout(send: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryError(`no answer within ${ms} ms`, "retry")), ms);
  });
  try {
    await Promise.race([send, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
