import type { OutboxRow } from "../store/types.js";
import { sharedLimits } from "./shared-limits.js";

/**
 * Token buckets for sending: a burst of `burst` messages, refilled at `perSecond`. Platforms
 * publish limits of this shape (Telegram: about one message a second per chat, about 30 a
 * second overall), and a small burst lets an edit and the next question go out together.
 */
interface RateLimit {
  burst: number;
  perSecond: number;
}

export interface ChannelLimits {
  perRecipient?: RateLimit;
  global?: RateLimit;
}

class Bucket {
  private tokens: number;
  private at: number;
  constructor(
    private limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.at = now;
  }

  /** A new limit from now on: what was earned so far is kept, up to the new burst. */
  change(limit: RateLimit, now: number): void {
    this.refill(now);
    this.limit = limit;
    this.tokens = Math.min(limit.burst, this.tokens);
  }

  /** Milliseconds until one token is available (0: available now). */
  wait(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.limit.burst;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.at) / 1000) * this.limit.perSecond);
    this.at = now;
  }
}

/** The buckets of one channel: one overall, one per recipient. */
export class ChannelRateLimiter {
  private readonly recipients = new Map<string, Bucket>();
  private readonly global: Bucket | undefined;

  constructor(
    private readonly limits: ChannelLimits,
    now: number,
  ) {
    this.global = limits.global ? new Bucket(limits.global, now) : undefined;
  }

  /**
   * Takes a token for the recipient and overall and returns 0, or returns how long to wait and
   * takes nothing. Without a recipient (an edit of an earlier message) only the overall limit counts.
   */
  reserve(recipient: string | undefined, now: number): number {
    const perRecipient = recipient === undefined ? undefined : this.bucketFor(recipient, now);
    const wait = Math.max(perRecipient?.wait(now) ?? 0, this.global?.wait(now) ?? 0);
    if (wait > 0) return wait;
    perRecipient?.take(now);
    this.global?.take(now);
    this.forgetIdle(now);
    return 0;
  }

  /** Milliseconds until the overall limit allows a message (0: now); takes nothing. */
  overallWait(now: number): number {
    return this.global?.wait(now) ?? 0;
  }

  /** Sets the overall limit from now on (a share of the channel's, see shared-limits.ts). */
  changeOverall(limit: RateLimit, now: number): void {
    this.global?.change(limit, now);
  }

  private bucketFor(recipient: string, now: number): Bucket | undefined {
    if (!this.limits.perRecipient) return undefined;
    let bucket = this.recipients.get(recipient);
    if (!bucket) {
      bucket = new Bucket(this.limits.perRecipient, now);
      this.recipients.set(recipient, bucket);
    }
    return bucket;
  }

  /** Full buckets carry no information: dropping them keeps memory flat with many recipients. */
  private forgetIdle(now: number): void {
    if (this.recipients.size < 10_000) return;
    for (const [key, bucket] of this.recipients) if (bucket.full(now)) this.recipients.delete(key);
  }
}

/** Whether a message may go now, or which limit holds it and for how long. */
export type Admission = { held: false } | { held: "recipient" | "overall"; waitMs: number };

/** The limiters of every channel that has limits, by channel name. */
export class RateLimits {
  private readonly limiters = new Map<string, ChannelRateLimiter>();
  /** Each channel's own limits, of which share() takes a part. */
  private readonly whole = new Map<string, ChannelLimits>();

  constructor(channels: readonly { channel: string; limits?: ChannelLimits }[], now: number) {
    for (const c of channels) {
      if (!c.limits) continue;
      this.limiters.set(c.channel, new ChannelRateLimiter(c.limits, now));
      this.whole.set(c.channel, c.limits);
    }
  }

  /**
   * Keeps to this process's share of each channel's overall limit when `instances` processes
   * send for the same bots (sharedLimits); 1 restores the whole limit.
   */
  share(instances: number, now: number): void {
    for (const [channel, limits] of this.whole) {
      const overall = sharedLimits(limits, instances).global;
      if (overall) this.limiters.get(channel)?.changeOverall(overall, now);
    }
  }

  /** Milliseconds until the channel's overall limit lets anyone through (0: now); takes nothing. */
  overallWait(channel: string, now: number): number {
    return this.limiters.get(channel)?.overallWait(now) ?? 0;
  }

  /**
   * Takes the tokens for one message and admits it, or says which limit holds it and takes
   * nothing: "overall" when the channel's overall limit is reached (everyone on it waits),
   * "recipient" when only the recipient's own is. Editing a message already in the chat is not a
   * new message there: only the overall limit applies.
   */
  admit(row: Pick<OutboxRow, "channel" | "externalId" | "message">, now: number): Admission {
    const limiter = this.limiters.get(row.channel);
    const waitMs = limiter?.reserve(row.message.replaces ? undefined : row.externalId, now) ?? 0;
    if (waitMs <= 0) return { held: false };
    return { held: (limiter?.overallWait(now) ?? 0) > 0 ? "overall" : "recipient", waitMs };
  }
}
