import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { OutboxRow, Store } from "../store/types.js";
import type { ChannelHealth } from "./channel-health.js";
import { type ChannelSender, DeliveryError } from "./channel-sender.js";
import { decideRetry } from "./retry-policy.js";
import type { SentMarks } from "./sent-marks.js";

/**
 * One attempt at sending a row, and what follows when it does not simply succeed, apart from the
 * worker's pump: a send that hangs counts as failed after `sendTimeoutMs`, yet may still succeed
 * late (then the row is marked sent and its retry does not happen); a failed send is retried later
 * or given up, as decideRetry says, and a message given up is settled with the therapist's notice.
 */
export interface RecoveryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A send that takes longer than this counts as failed and is retried. */
  sendTimeoutMs: number;
  /**
   * Gives a message up for good (an unreachable recipient, or its last attempt failed): the row
   * and the therapist's notice in one transaction (Engine.settleFailure). Without it the row is
   * only marked failed.
   */
  settle?: (row: OutboxRow, outcome: "unreachable" | "failed", error: string) => Promise<void>;
}

/** "sent", "later" (another attempt is scheduled) or "final" (given up). */
type AttemptOutcome = "sent" | "later" | "final";

/** Early tries remembered at most (bringForward): a row another instance sent is never seen again. */
const MAX_EARLY = 10_000;

/** A platform's "slow down" with its wait (a 429), which an early try keeps to as well. */
const isPacing = (error: unknown) => error instanceof DeliveryError && error.retryAfterMs !== undefined;

/** Urgent messages retry at least this often, however long the platform is down. */
const URGENT_MAX_DELAY_MS = 60_000;

export class SendRecovery {
  constructor(
    private readonly store: Pick<Store, "markFailed" | "markRetry" | "bringForward">,
    private readonly marks: SentMarks,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: RecoveryOptions,
    /**
     * Called when more may go now: a send that timed out was accepted after all (the recipient's
     * next may go), or a channel's waiting messages were brought forward.
     */
    private readonly wake: () => void,
    private readonly health: ChannelHealth,
  ) {}

  /** Messages made due early (bringForward), and when each was due before. */
  private readonly early = new Map<number, number>();

  /** Sends one row through `sender`, within the time-out; a failure is settled before it returns. */
  async attempt(sender: ChannelSender, row: OutboxRow): Promise<AttemptOutcome> {
    const sending = sender.send({
      outboxId: row.id,
      channel: row.channel,
      externalId: row.externalId,
      address: row.address,
      message: row.message,
    });
    try {
      await withTimeout(sending, this.options.sendTimeoutMs);
      if (this.early.size > 0) this.early.delete(row.id);
      if (this.health.succeeded(row.channel)) this.comeback(row.channel);
      return "sent";
    } catch (error) {
      if (error instanceof SendTimeout) this.awaitLate(row.id, row.channel, sending);
      return this.failed(row, error);
    }
  }

  /**
   * A send that timed out can still succeed: then the row is marked sent, and the retry
   * scheduled meanwhile does not happen. (A send that never ends must not hold its recipient,
   * so the retry is not held back for it: if it succeeds after the retry went, the platform got
   * the message twice.)
   */
  private awaitLate(id: number, channel: string, sending: Promise<void>): void {
    sending.then(
      async () => {
        if (this.health.succeeded(channel)) this.comeback(channel);
        if (await this.marks.mark(id)) this.wake();
      },
      () => undefined,
    );
  }

  /**
   * The channel is sending again: the messages on it that wait out a long backoff after failed
   * attempts go now (each channel's own limits pace them), not hours after it came back. In the
   * store, so that every instance's waiting rows on the channel are brought forward.
   */
  private comeback(channel: string): void {
    this.bringForward(channel).then(
      (count) => {
        if (count === 0) return;
        this.log.info({ channel, messages: count }, "the channel is sending again: waiting messages go now");
        this.wake();
      },
      (error: unknown) => this.log.error({ err: error }, "could not bring waiting messages forward"),
    );
  }

  /**
   * A channel failing for a while with nothing tried on it for a minute (every message on it
   * waiting out a long backoff): the message due soonest goes now, to see whether the channel is
   * back.
   */
  async probeFailing(): Promise<void> {
    for (const channel of this.health.probesDue(this.clock.now().getTime()))
      await this.bringForward(channel, 1);
  }

  /**
   * Makes waiting messages due now, each an early try: if it fails, the failure is not counted
   * and the message keeps the next attempt it had, so that early tries never bring a message
   * nearer to being given up nor put its counted retry off.
   */
  private async bringForward(channel: string, limit?: number): Promise<number> {
    const rows = await this.store.bringForward(channel, this.clock.now().toISOString(), limit);
    for (const { id, due } of rows) this.early.set(id, Date.parse(due));
    // Rows another instance sent are never seen here again: keep the newest only.
    for (const id of this.early.keys()) {
      if (this.early.size <= MAX_EARLY) break;
      this.early.delete(id);
    }
    return rows.length;
  }

  private async failed(row: OutboxRow, error: unknown): Promise<"later" | "final"> {
    const now = this.clock.now();
    const urgent = row.message.urgent === true || row.message.riskPath === true;
    const hadDue = this.early.get(row.id);
    if (hadDue !== undefined) this.early.delete(row.id);
    const early = hadDue !== undefined;
    const decision = decideRetry({ attempts: row.attempts, urgent, early }, error, {
      ...this.options,
      urgentMaxDelayMs: URGENT_MAX_DELAY_MS,
    });
    const { attempt, reason } = decision;
    // The senders' own errors name only the platform's answer; another error only its kind.
    const logged = error instanceof DeliveryError ? reason : error instanceof Error ? error.name : "unknown";
    if (decision.kind === "refused") return this.refused(row, logged, reason, now);
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
    // A 429 is the platform pacing us; anything else is a failure of the channel (network, 5xx,
    // a time-out), which /healthz reports once it lasts (channel-health.ts).
    if (decision.counts) this.health.failed(row.channel, now.getTime(), urgent ? row.id : undefined);
    // An early try that failed gives the message back the attempt it had (or the platform's wait).
    const waitMs =
      hadDue === undefined
        ? decision.waitMs
        : Math.max(hadDue - now.getTime(), isPacing(error) ? decision.waitMs : 0);
    // Only ids and the error go into logs, never the message.
    const fields = { outboxId: row.id, channel: row.channel, attempt, waitMs, ...(early && { early }) };
    if (urgent)
      this.log.warn(
        { ...fields, urgent, reason: logged },
        "urgent message not delivered yet: will be retried",
      );
    else this.log.info({ ...fields, reason: logged }, "delivery will be retried");
    await this.store.markRetry(
      row.id,
      reason,
      new Date(now.getTime() + waitMs).toISOString(),
      decision.counts,
    );
    return "later";
  }

  /**
   * The platform refused the bot's credentials: the row stays queued, the attempt not counted,
   * and the channel is held until it is tried again (worker: ChannelHealth.holdMs).
   */
  private async refused(row: OutboxRow, logged: string, reason: string, now: Date): Promise<"later"> {
    const first = this.health.state(row.channel, now.getTime()) !== "refused";
    const waitMs = this.health.refused(row.channel, now.getTime());
    const fields = { outboxId: row.id, channel: row.channel, reason: logged, waitMs };
    if (first)
      this.log.error(
        fields,
        "the platform refused the bot's credentials: messages stay queued; check the setting its reason names",
      );
    else this.log.warn(fields, "the platform still refuses the bot's credentials: messages stay queued");
    await this.store.markRetry(row.id, reason, new Date(now.getTime() + waitMs).toISOString(), false);
    return "later";
  }
}

class SendTimeout extends DeliveryError {}

/**
 * A send that hangs must not hold the worker: after the time-out it counts as a failed attempt.
 * One promise and one timer per send (a promise for the time-out and a race of the two cost more
 * on every message).
 */
function withTimeout(send: Promise<void>, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SendTimeout(`no answer within ${ms} ms`, "retry")), ms);
    send.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
