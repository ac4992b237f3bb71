import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { OutboxRow, Store } from "../store/types.js";
import { backoffMs } from "./backoff.js";
import { type ChannelSender, DeliveryError } from "./channel-sender.js";

export interface WorkerOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  batchSize: number;
  /** How often to look for rows written by another process (a CLI command beside `serve`). */
  pollMs: number;
}

const DEFAULTS: WorkerOptions = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  batchSize: 50,
  pollMs: 1_000,
};

/**
 * Sends outbox rows through their channel. A row is marked sent only after the channel
 * accepted it, so nothing is lost; messages to one recipient go in order.
 */
export class DeliveryWorker {
  private readonly senders: Map<string, ChannelSender>;
  private readonly options: WorkerOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly store: Store,
    senders: readonly ChannelSender[],
    private readonly clock: Clock,
    private readonly log: Logger,
    options: Partial<WorkerOptions> = {},
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
    this.options = { ...DEFAULTS, ...options };
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

  /** Sends everything that is due now, until nothing due is left; returns how many were sent. */
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
      // A recipient's next message only shows up once the one before it is sent, so keep
      // going while passes make progress.
      const rows = await this.store.dueMessages(
        this.channels,
        this.clock.now().toISOString(),
        this.options.batchSize,
      );
      let progress = 0;
      const blocked = new Set<string>();
      for (const row of rows) {
        const key = `${row.channel}\u0000${row.externalId}`;
        // After a failure, later messages to the same person wait, so questions stay in order.
        if (blocked.has(key)) continue;
        if (await this.deliver(row)) progress++;
        else blocked.add(key);
      }
      sent += progress;
      if (progress === 0 && !this.again) return sent;
    }
  }

  private async deliver(row: OutboxRow): Promise<boolean> {
    const sender = this.senders.get(row.channel);
    if (!sender) return false;
    try {
      await sender.send({
        outboxId: row.id,
        channel: row.channel,
        externalId: row.externalId,
        address: row.address,
        message: row.message,
      });
      await this.store.markSent(row.id, this.clock.now().toISOString());
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
    const attempt = row.attempts + 1;
    if (outcome !== "retry" || attempt >= this.options.maxAttempts) {
      // Only ids and the error go into logs, never the message.
      this.log.warn({ outboxId: row.id, channel: row.channel, attempt, outcome }, "message not delivered");
      await this.store.markFailed(row.id, reason, now.toISOString());
      return;
    }
    const wait =
      error instanceof DeliveryError && error.retryAfterMs !== undefined
        ? error.retryAfterMs
        : backoffMs(attempt, this.options.baseDelayMs, this.options.maxDelayMs);
    this.log.info(
      { outboxId: row.id, channel: row.channel, attempt, waitMs: wait },
      "delivery will be retried",
    );
    await this.store.markRetry(row.id, reason, new Date(now.getTime() + wait).toISOString());
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.drain();
    } catch (error) {
      this.log.error({ err: error }, "delivery pass failed");
    }
    const next = await this.store.nextDue(this.channels).catch(() => undefined);
    const untilNext = next ? Math.max(0, Date.parse(next) - this.clock.now().getTime()) : this.options.pollMs;
    this.schedule(Math.min(untilNext, this.options.pollMs));
  }
}
