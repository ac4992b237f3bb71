import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Recipient, Store } from "../store/types.js";
import { ChannelHealth, type DeliveryHealth } from "./channel-health.js";
import type { ChannelSender } from "./channel-sender.js";
import { RateLimits } from "./rate-limit.js";
import { RecipientLine } from "./recipient-line.js";
import { RecipientSends } from "./recipient-sends.js";
import { SendRecovery } from "./recovery.js";
import { SentMarks } from "./sent-marks.js";
import { SoonestTimer } from "./soonest-timer.js";
import { WORKER_DEFAULTS, type WorkerOptions } from "./worker-options.js";

/**
 * Sends outbox rows through their channel. A row is marked sent only after the channel
 * accepted it, so nothing is lost; messages to one recipient go in order, within the
 * channel's rate limits. This file is the pump: who is due, the lanes, the timer. A lane's turn
 * at one recipient is in recipient-sends.ts, marking rows sent in sent-marks.ts, a send's
 * time-out and failure in recovery.ts, the limits in rate-limit.ts.
 *
 * Up to `concurrency` lanes run at once. A lane takes a recipient with something due and sends
 * that recipient's messages one after another, asking the store for the next as each is marked
 * sent; then it takes the next recipient. A slow send holds up its own recipient only, and the
 * next question follows an answer without waiting for a pass over everyone else.
 */
export class DeliveryWorker {
  private readonly senders: Map<string, ChannelSender>;
  private readonly limits: RateLimits;
  private readonly marks: SentMarks;
  private readonly sends: RecipientSends;
  private readonly recovery: SendRecovery;
  private readonly options: WorkerOptions;
  private readonly line = new RecipientLine();
  private readonly health = new ChannelHealth();
  private readonly lanes = new Set<Promise<void>>();
  private readonly timer = new SoonestTimer(() => void this.tick());
  private pumping: Promise<void> | undefined;
  private wakePending = false;
  /** A wake without recipients came since the last look: the next look is of the whole outbox. */
  private lookPending = false;

  private again = false;
  /** The last look returned a full batch: there may be more recipients than it listed. */
  private moreBeyondBatch = false;
  private stopped = true;
  /** A rate limit held something back since the last look: the timer, not a lane, looks again. */
  private limited = false;

  constructor(
    private readonly store: Store,
    senders: readonly ChannelSender[],
    private readonly clock: Clock,
    private readonly log: Logger,
    options: Partial<WorkerOptions> = {},
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
    this.options = { ...WORKER_DEFAULTS, ...options };
    this.limits = new RateLimits(senders, clock.now().getTime());
    this.marks = new SentMarks(store, clock, log);
    const { senders: channels, limits, line, marks, health } = this;
    this.recovery = new SendRecovery(store, marks, clock, log, this.options, () => this.wake(), health);
    this.sends = new RecipientSends(
      store,
      channels,
      clock,
      line,
      limits,
      marks,
      this.recovery,
      health,
      (waitMs) => {
        this.limited = true;
        this.schedule(waitMs);
      },
    );
  }

  get channels(): string[] {
    return [...this.senders.keys()];
  }

  /** How sends on `channel` are going, for /healthz: "ok", "failing" or "refused" (channel-health.ts). */
  deliveryHealth(channel: string): DeliveryHealth {
    return this.health.state(channel, this.clock.now().getTime());
  }

  /** Keeps to this process's share of each channel's rate limit, `instances` sending for the same bots. */
  shareLimits(instances: number): void {
    this.limits.share(instances, this.clock.now().getTime());
  }

  start(): void {
    this.stopped = false;
    this.sends.closing = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // stop() was called: lanes finish the message in hand and take no more.
    this.sends.closing = true;
    this.timer.clear();
    await this.pumping;
    await Promise.all(this.lanes);
    // A message sent whose mark failed is marked now if the store allows, so that it is not
    // sent again after a restart (or, on PostgreSQL, by another instance).
    await this.marks.markUnmarked();
  }

  /**
   * Something was queued: deliver now. With the recipients it was queued for, they go in line
   * and lanes ask the store about them at once, so that their reads are queued before the next
   * batch of events (whose commit was asked for while this one ran) rather than behind it.
   * Without, the store is asked who has anything due (each such look reads every recipient with
   * something due, so wakes within one turn of the event loop share one).
   */
  wake(recipients?: readonly Recipient[]): void {
    if (this.stopped) return;
    if (recipients && recipients.length > 0) {
      for (const r of recipients) if (this.senders.has(r.channel)) this.line.found(r);
      if (!this.lookPending) {
        this.startLanes();
        return;
      }
    } else {
      this.lookPending = true;
    }
    if (this.wakePending) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      if (this.stopped) return;
      if (!this.lookPending) return this.startLanes();
      this.lookPending = false;
      this.pump().catch((error: unknown) => this.storeFailed("delivery pass", error));
    });
  }

  /**
   * Sends everything that is due now and allowed by the rate limits, and waits for it; returns
   * how many were sent. For the console and tests; a running worker is driven by `wake` and its timer.
   */
  async drain(): Promise<number> {
    const before = this.sends.sent;
    for (;;) {
      const round = this.sends.settled;
      await this.pump();
      await Promise.all(this.lanes);
      // A round that settled nothing leaves only what waits for a time or a rate limit.
      if (this.sends.settled === round) return this.sends.sent - before;
    }
  }

  /** Looks up who has something due and starts lanes for them; looks once more if woken meanwhile. */
  private pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      try {
        do {
          this.again = false;
          await this.lookForDue();
        } while (this.again);
      } finally {
        this.pumping = undefined;
      }
    })();
    return this.pumping;
  }

  private async lookForDue(): Promise<void> {
    await this.marks.markUnmarked();
    await this.recovery.probeFailing();
    this.limited = false;
    const now = this.clock.now().toISOString();
    const due = await this.store.sendableRecipients(this.channels, now, this.options.batchSize);
    this.moreBeyondBatch = due.length === this.options.batchSize;
    for (const d of due) this.line.found(d);
    this.startLanes();
  }

  private startLanes(): void {
    while (this.lanes.size < this.options.concurrency && this.line.length > 0) {
      const lane: Promise<void> = this.runLane().finally(() => this.lanes.delete(lane));
      this.lanes.add(lane);
    }
  }

  /** Takes ready recipients one at a time until none is left. */
  private async runLane(): Promise<void> {
    while (!this.sends.closing) {
      const first = this.line.first();
      if (!first) break;
      // When the channel's overall limit is reached, every recipient on it would wait: leave
      // them ready for the timer instead of asking the store about each.
      const wait = this.limits.overallWait(first.channel, this.clock.now().getTime());
      if (wait > 0) {
        this.limited = true;
        this.schedule(wait);
        break;
      }
      const lease = this.line.take();
      if (!lease) break;
      let requeue = false;
      try {
        requeue = await this.sends.sendTo(lease);
      } catch (error) {
        // A store failure: the row stays pending and goes again on a later pass (never lost).
        this.storeFailed("delivery lane", error);
      }
      // Released only if still its own: once released, another lane may already have the recipient.
      if (requeue && !this.sends.closing) this.line.backInLine(lease);
      else this.line.release(lease);
    }
    // More recipients than one look lists: look again, unless a rate limit is what holds them.
    if (this.moreBeyondBatch && !this.limited && !this.stopped) this.wake();
  }

  /** A store failure: one line per outage while the database is away, else the error with its stack. */
  private storeFailed(what: string, error: unknown): void {
    if (!this.options.database?.failed(what, error)) this.log.error({ err: error }, `${what} failed`);
  }

  /** Sets the timer for `delayMs` from now, unless it is already set to go off sooner. */
  private schedule(delayMs: number): void {
    if (!this.stopped) this.timer.set(delayMs);
  }

  /**
   * Looks for due rows (retries, rows another process wrote), then sets the timer for the next.
   * While recipients wait for a rate limit, they are taken up again without a look at the store.
   */
  private async tick(): Promise<void> {
    try {
      if (this.line.length > 0) this.startLanes();
      else await this.pump().then(() => this.options.database?.reached());
    } catch (error) {
      this.storeFailed("delivery pass", error);
    }
    const now = this.clock.now().getTime();
    const next = await this.store.nextAttemptAt(this.channels).catch(() => undefined);
    let delay = this.options.pollMs;
    // A message due now that did not start is held by a rate limit, which set the timer itself.
    if (next && Date.parse(next) > now) delay = Math.min(delay, Date.parse(next) - now);
    this.schedule(delay);
  }
}
