import { backoffMs } from "./backoff.js";

/**
 * How each channel's sends are going, for the worker and `/healthz`: "ok"; "failing" when its
 * sends have failed for network or 5xx reasons for over FAILING_AFTER_MS, or an urgent message
 * has waited that long since its first failed attempt; "refused" while the platform refuses the
 * bot's own credentials (then the worker sends one message now and then to see whether it
 * still does, and holds the rest). The next success makes the channel "ok" again.
 *
 * Kept in memory, so that a send that succeeds costs no store read: when nothing is wrong,
 * `succeeded` looks at one number.
 */
export type DeliveryHealth = "ok" | "failing" | "refused";

/** Failures for this long (or an urgent message waiting this long) make a channel "failing". */
const FAILING_AFTER_MS = 60_000;

/**
 * While a channel is failing, a message waiting out its backoff is sent early when nothing was
 * tried on the channel for this long, so that a channel that came back is noticed within about
 * a minute even when every message on it waits for hours (recovery.ts).
 */
const PROBE_EVERY_MS = 60_000;

/** While refused, a channel is tried again after 1 s growing to at most this. */
const REFUSED_PROBE_MAX_MS = 60_000;

interface Trouble {
  /** The first network/5xx failure since the last success. */
  failingSince?: number;
  /** Urgent rows whose sends failed, and when each failed first. */
  urgent: Map<number, number>;
  /** Consecutive refusals of the bot's credentials, and when the channel may be tried again. */
  refusals: number;
  probeAt: number;
  /** The last failed send on the channel: a minute without one, and one waiting message is sent early. */
  lastFailedAt: number;
}

export class ChannelHealth {
  private readonly troubles = new Map<string, Trouble>();
  /** Channels with a send accepted since this process started. */
  private readonly sending = new Set<string>();

  constructor(private readonly random: () => number = Math.random) {}

  /**
   * A send on `channel` was accepted: whatever was wrong with it is over. Returns true when the
   * channel is sending again: after failures or refusals, or for the first time in this process
   * (it may have been started after an outage, with messages waiting long retries).
   */
  succeeded(channel: string): boolean {
    if (this.troubles.size === 0 && this.sending.has(channel)) return false;
    const trouble = this.troubles.get(channel);
    this.troubles.delete(channel);
    const first = !this.sending.has(channel);
    this.sending.add(channel);
    return first || (trouble !== undefined && (trouble.failingSince !== undefined || trouble.refusals > 0));
  }

  /** A send failed for network or 5xx reasons (or timed out); `urgent`: the row's id. */
  failed(channel: string, now: number, urgent?: number): void {
    const trouble = this.trouble(channel);
    trouble.failingSince ??= now;
    trouble.lastFailedAt = now;
    if (urgent !== undefined && !trouble.urgent.has(urgent)) trouble.urgent.set(urgent, now);
  }

  /** The platform refused the bot's credentials: returns the wait before the channel is tried again. */
  refused(channel: string, now: number): number {
    const trouble = this.trouble(channel);
    trouble.refusals++;
    const wait = backoffMs(trouble.refusals, 1_000, REFUSED_PROBE_MAX_MS, this.random);
    trouble.probeAt = now + wait;
    return wait;
  }

  /**
   * How long sends on `channel` are held because its credentials are refused; 0: they may go.
   * When the wait is over, one send goes (the others are held until it succeeds or is refused).
   */
  holdMs(channel: string, now: number): number {
    if (this.troubles.size === 0) return 0;
    const trouble = this.troubles.get(channel);
    if (!trouble || trouble.refusals === 0) return 0;
    if (trouble.probeAt > now) return trouble.probeAt - now;
    trouble.probeAt = now + REFUSED_PROBE_MAX_MS;
    return 0;
  }

  /**
   * The failing channels (not refused: those have their own probe) where nothing failed for
   * PROBE_EVERY_MS: each is counted as tried now, so that it is probed at most once a minute.
   */
  probesDue(now: number): string[] {
    if (this.troubles.size === 0) return [];
    const due: string[] = [];
    for (const [channel, trouble] of this.troubles) {
      if (trouble.failingSince === undefined || trouble.refusals > 0) continue;
      if (now - trouble.lastFailedAt < PROBE_EVERY_MS) continue;
      trouble.lastFailedAt = now;
      due.push(channel);
    }
    return due;
  }

  state(channel: string, now: number): DeliveryHealth {
    const trouble = this.troubles.get(channel);
    if (!trouble) return "ok";
    if (trouble.refusals > 0) return "refused";
    if (trouble.failingSince !== undefined && now - trouble.failingSince > FAILING_AFTER_MS) return "failing";
    for (const since of trouble.urgent.values()) if (now - since > FAILING_AFTER_MS) return "failing";
    return "ok";
  }

  private trouble(channel: string): Trouble {
    let trouble = this.troubles.get(channel);
    if (!trouble) {
      trouble = { urgent: new Map(), refusals: 0, probeAt: 0, lastFailedAt: 0 };
      this.troubles.set(channel, trouble);
    }
    return trouble;
  }
}
