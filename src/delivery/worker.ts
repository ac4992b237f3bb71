import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { OutboxRow, Recipient, Store } from "../store/types.js";
import { type ChannelSender, DeliveryError } from "./channel-sender.js";
import { ChannelRateLimiter } from "./rate-limit.js";
import { decideRetry } from "./retry-policy.js";

export interface WorkerOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  batchSize: number;
  /** Messages to different recipients sent at the same time. */
  concurrency: number;
  /** How often to look for rows written by another process (a CLI command beside `serve`). */
  pollMs: number;
  /**
   * Gives a message up for good (an unreachable recipient, or its last attempt failed): the row
   * and the therapist's notice in one transaction (Engine.settleFailure). Without it the row is
   * only marked failed.
   */
  settle?: (row: OutboxRow, outcome: "unreachable" | "failed", error: string) => Promise<void>;
  /** A send that takes longer than this counts as failed and is retried. */
  sendTimeoutMs: number;
}

/** Urgent messages retry at least this often, however long the platform is down. */
const URGENT_MAX_DELAY_MS = 60_000;

const DEFAULTS: WorkerOptions = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  batchSize: 1000,
  concurrency: 32,
  pollMs: 1_000,
  sendTimeoutMs: 60_000,
};

/** A lane sends at most this many messages to one recipient before giving others a turn... */
const LANE_MAX = 16;
/** ...and only this many while other recipients wait: an answer's edit and the next question. */
const TURN = 2;

/**
 * Sends outbox rows through their channel. A row is marked sent only after the channel
 * accepted it, so nothing is lost; messages to one recipient go in order, within the
 * channel's rate limits.
 *
 * Up to `concurrency` lanes run at once. A lane takes a recipient with something due and sends
 * that recipient's messages one after another, asking the store for the next as each is marked
 * sent; then it takes the next recipient. A slow send holds up its own recipient only, and the
 * next question follows an answer without waiting for a pass over everyone else.
 */
export class DeliveryWorker {
  private readonly senders: Map<string, ChannelSender>;
  private readonly limiters = new Map<string, ChannelRateLimiter>();
  private readonly options: WorkerOptions;
  /** Recipients with something due and no lane yet, in the order they go. */
  private readonly ready = new Map<string, Recipient>();
  /** Recipients a lane is sending to, and whether more was queued for them meanwhile. */
  private readonly busy = new Map<string, { more: boolean }>();
  private readonly lanes = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private pumping: Promise<void> | undefined;
  private wakePending = false;
  private again = false;
  /** The last look returned a full batch: there may be more recipients than it listed. */
  private moreBeyondBatch = false;
  private stopped = true;
  /** stop() was called: lanes finish the message in hand and take no more. */
  private closing = false;
  private sentTotal = 0;
  /** Messages sent or given up: what a round of drain() counts as progress. */
  private settled = 0;
  /** A rate limit held something back since the last look: the timer, not a lane, looks again. */
  private limited = false;
  private marking: { ids: number[]; done: Promise<boolean> } | undefined;
  /** Sent, but the write that marks them failed: never sent again, marked on a later try. */
  private readonly unmarked = new Set<number>();

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
    this.closing = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pumping;
    await Promise.all(this.lanes);
  }

  /**
   * Something was queued: deliver now. Wakes within one turn of the event loop share one look
   * at the store: under load a turn carries many webhooks, and each look reads every recipient
   * with something due.
   */
  wake(): void {
    if (this.stopped || this.wakePending) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      if (this.stopped) return;
      this.pump().catch((error: unknown) => this.log.error({ err: error }, "delivery pass failed"));
    });
  }

  /**
   * Sends everything that is due now and allowed by the rate limits, and waits for it; returns
   * how many were sent. For the console and tests; a running worker is driven by `wake` and its timer.
   */
  async drain(): Promise<number> {
    const before = this.sentTotal;
    for (;;) {
      const round = this.settled;
      await this.pump();
      await Promise.all(this.lanes);
      // A round that settled nothing leaves only what waits for a time or a rate limit.
      if (this.settled === round) return this.sentTotal - before;
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
    if (this.unmarked.size > 0) await this.markUnmarked();
    this.limited = false;
    const now = this.clock.now().toISOString();
    const due = await this.store.sendableRecipients(this.channels, now, this.options.batchSize);
    this.moreBeyondBatch = due.length === this.options.batchSize;
    for (const d of due) {
      const key = `${d.channel}\u0000${d.recipient}`;
      const lane = this.busy.get(key);
      // Its lane asks the store again before it lets the recipient go.
      if (lane) lane.more = true;
      else this.ready.set(key, d);
    }
    this.startLanes();
  }

  private startLanes(): void {
    while (this.lanes.size < this.options.concurrency && this.ready.size > 0) {
      const lane: Promise<void> = this.runLane().finally(() => this.lanes.delete(lane));
      this.lanes.add(lane);
    }
  }

  /** Takes ready recipients one at a time until none is left. */
  private async runLane(): Promise<void> {
    while (!this.closing) {
      const next = this.ready.entries().next();
      if (next.done) break;
      const [key, due] = next.value;
      // When the channel's overall limit is reached, every recipient on it would wait: leave
      // them ready for the timer instead of asking the store about each.
      const wait = this.limiters.get(due.channel)?.overallWait(this.clock.now().getTime()) ?? 0;
      if (wait > 0) {
        this.limited = true;
        this.schedule(wait);
        break;
      }
      this.ready.delete(key);
      const state = { more: false };
      this.busy.set(key, state);
      let requeue = false;
      try {
        requeue = await this.sendTo(key, due, state);
      } catch (error) {
        // A store failure: the row stays pending and goes again on a later pass (never lost).
        this.log.error({ err: error }, "delivery lane failed");
      }
      // Only if still its own: once released, another lane may already have taken the recipient.
      if (this.busy.get(key) === state) this.busy.delete(key);
      if (requeue && !this.closing) this.ready.set(key, due);
    }
    // More recipients than one look lists: look again, unless a rate limit is what holds them.
    if (this.moreBeyondBatch && !this.limited && !this.stopped) this.wake();
  }

  /** Sends the recipient's due messages in order; true if some remain for a later turn. */
  private async sendTo(key: string, due: Recipient, state: { more: boolean }): Promise<boolean> {
    for (let n = 0; ; n++) {
      state.more = false;
      const row = await this.store.nextSendable(due, this.clock.now().toISOString());
      if (row && this.unmarked.has(row.id)) {
        // Already sent: only its mark is missing.
        if (await this.markUnmarked()) continue;
        return false;
      }
      if (!row) {
        if (state.more) continue;
        // Released in the same turn as the look that found nothing: a message queued after it
        // is seen by the next look for due recipients, which no longer finds this one busy.
        this.busy.delete(key);
        return false;
      }
      if (this.closing) return false;
      // Others waiting get their turn once this recipient's edit and next question are out, so
      // one quick client cannot hold a lane while the rest wait.
      if (n >= LANE_MAX || (n >= TURN && this.ready.size > 0)) return true;
      const held = this.admit(row, this.clock.now().getTime());
      // Held by the overall limit: back in line, and the lane stops (see runLane). Held by the
      // recipient's own limit: the timer brings it back.
      if (held === "overall") return true;
      if (held === "recipient") return false;
      const outcome = await this.deliver(row);
      if (outcome === "later") return false;
      this.settled++;
      // Given up (failed for good, or unreachable): the recipient's next message may go.
      if (outcome === "final") continue;
      // Marked before the next is asked for: the store holds a recipient's later messages
      // back while an earlier one is pending.
      if (!(await this.markSent(row.id))) return false;
      this.sentTotal++;
    }
  }

  /**
   * Whether the rate limits let `row` go now, or which limit holds it; when held, the timer is
   * set for when the limit allows.
   */
  private admit(row: OutboxRow, now: number): "go" | "recipient" | "overall" {
    // Editing a message already in the chat is not a new message there: only the overall limit applies.
    const recipient = row.message.replaces ? undefined : row.externalId;
    const limiter = this.limiters.get(row.channel);
    const wait = limiter?.reserve(recipient, now) ?? 0;
    if (wait <= 0) return "go";
    this.limited = true;
    this.schedule(wait);
    return (limiter?.overallWait(now) ?? 0) > 0 ? "overall" : "recipient";
  }

  /**
   * Rows sent in the same turn of the event loop are marked in one write. False if the write
   * failed: the rows are then kept in `unmarked`, so that they are marked later, never sent again.
   */
  private markSent(id: number): Promise<boolean> {
    if (!this.marking) {
      const batch: { ids: number[]; done: Promise<boolean> } = { ids: [], done: Promise.resolve(true) };
      batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.marking = undefined;
        try {
          await this.store.markSentMany(batch.ids, this.clock.now().toISOString());
          return true;
        } catch (error) {
          for (const sent of batch.ids) this.unmarked.add(sent);
          this.log.error({ err: error, messages: batch.ids.length }, "sent messages could not be marked");
          return false;
        }
      });
      this.marking = batch;
    }
    this.marking.ids.push(id);
    return this.marking.done;
  }

  private async markUnmarked(): Promise<boolean> {
    const ids = [...this.unmarked];
    try {
      await this.store.markSentMany(ids, this.clock.now().toISOString());
    } catch {
      return false;
    }
    for (const id of ids) this.unmarked.delete(id);
    return true;
  }

  /** Sends one row: "sent", "later" (another attempt is scheduled) or "final" (given up). */
  private async deliver(row: OutboxRow): Promise<"sent" | "later" | "final"> {
    const sender = this.senders.get(row.channel);
    if (!sender) return "later";
    const sending = sender.send({
      outboxId: row.id,
      channel: row.channel,
      externalId: row.externalId,
      address: row.address,
      message: row.message,
    });
    try {
      await withTimeout(sending, this.options.sendTimeoutMs);
      return "sent";
    } catch (error) {
      if (error instanceof SendTimeout) this.awaitLate(row.id, sending);
      return this.failed(row, error);
    }
  }

  /**
   * A send that timed out can still succeed: then the row is marked sent, and the retry
   * scheduled meanwhile does not happen. (A send that never ends must not hold its recipient,
   * so the retry is not held back for it: if it succeeds after the retry went, the platform got
   * the message twice.)
   */
  private awaitLate(id: number, sending: Promise<void>): void {
    sending.then(
      async () => {
        if (await this.markSent(id)) this.wake();
      },
      () => undefined,
    );
  }

  private async failed(row: OutboxRow, error: unknown): Promise<"later" | "final"> {
    const now = this.clock.now();
    const decision = decideRetry({ attempts: row.attempts, urgent: row.message.urgent === true }, error, {
      ...this.options,
      urgentMaxDelayMs: URGENT_MAX_DELAY_MS,
    });
    const { attempt, reason } = decision;
    if (decision.kind === "give up") {
      // Only ids and the error go into logs, never the message.
      this.log.warn(
        { outboxId: row.id, channel: row.channel, attempt, outcome: decision.outcome },
        "message not delivered",
      );
      const settle = this.options.settle;
      if (settle && decision.outcome !== "permanent") await settle(row, decision.outcome, reason);
      else await this.store.markFailed(row.id, reason, now.toISOString());
      return "final";
    }
    this.log.info(
      { outboxId: row.id, channel: row.channel, attempt, waitMs: decision.waitMs },
      "delivery will be retried",
    );
    await this.store.markRetry(
      row.id,
      reason,
      new Date(now.getTime() + decision.waitMs).toISOString(),
      decision.counts,
    );
    return "later";
  }

  /** Sets the timer for `delayMs` from now, unless it is already set to go off sooner. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delayMs));
    this.timer.unref();
  }

  /**
   * Looks for due rows (retries, rows another process wrote), then sets the timer for the next.
   * While recipients wait for a rate limit, they are taken up again without a look at the store.
   */
  private async tick(): Promise<void> {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    try {
      if (this.ready.size > 0) this.startLanes();
      else await this.pump();
    } catch (error) {
      this.log.error({ err: error }, "delivery pass failed");
    }
    const now = this.clock.now().getTime();
    const next = await this.store.nextAttemptAt(this.channels).catch(() => undefined);
    let delay = this.options.pollMs;
    // A message due now that did not start is held by a rate limit, which set the timer itself.
    if (next && Date.parse(next) > now) delay = Math.min(delay, Date.parse(next) - now);
    this.schedule(delay);
  }
}

class SendTimeout extends DeliveryError {}

/** A send that hangs must not hold the worker: after the time-out it counts as a failed attempt. */
async function withTimeout(send: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeout(`no answer within ${ms} ms`, "retry")), ms);
  });
  try {
    await Promise.race([send, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
