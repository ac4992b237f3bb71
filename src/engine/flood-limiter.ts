import { createHash } from "node:crypto";

/**
 * Flood limits: one sender must not be able to fill the outbox and the inbound_events table.
 * - someone rapport does not know gets the "how to start" answer at most once an hour; what they
 *   send after it that would get the same answer is dropped;
 * - anyone has at most `perWindow` messages a window processed; the rest are dropped, and they get
 *   one notice per flood (a flood ends after a whole window without a drop).
 * A dropped message is acknowledged (the platform gets its 200) and leaves no row at all. Nothing
 * safety-critical is ever dropped: whatever the risk screen flags, a therapist's "seen N", and a
 * client's words while their alert is open, their safety question is pending, or their check-in
 * is at its safety question.
 */
interface FloodLimits {
  /** Messages processed per sender in any window of `windowMs`. */
  perWindow: number;
  windowMs: number;
  /** An unknown sender is told how to start at most once in this time. */
  strangerMs: number;
  /** Senders remembered at most; past it the least recently seen is forgotten. */
  maxSenders: number;
}

export const FLOOD_LIMITS: FloodLimits = {
  perWindow: 30,
  windowMs: 60_000,
  strangerMs: 60 * 60_000,
  maxSenders: 10_000,
};

interface SenderState {
  /** Times of the messages processed in the current window, oldest first; at most perWindow. */
  processed: number[];
  /** The last message dropped for the rate: a flood goes on while drops come within a window. */
  lastDrop: number | undefined;
  /** When this sender, unknown, was last told how to start. */
  strangerAt: number | undefined;
  /** After this the state says nothing any more and can go. */
  expires: number;
}

/**
 * The decisions, without I/O: times come in as milliseconds from the engine's clock. Memory is
 * bounded: a sender's state goes once it expires (checked from the least recently seen end, a few
 * per call), and past `maxSenders` the least recently seen goes first, so a spray of made-up
 * sender ids costs at most maxSenders small entries. Keys are hashes of channel and sender id,
 * fixed in size whatever a platform sends as an id.
 */
export class FloodLimiter {
  private readonly senders = new Map<string, SenderState>();

  constructor(readonly limits: FloodLimits = FLOOD_LIMITS) {}

  /** How many senders are remembered. */
  get size(): number {
    return this.senders.size;
  }

  /** True when the sender already had `perWindow` messages processed in the window ending now. */
  full(key: string, now: number): boolean {
    const state = this.peek(key, now);
    if (!state) return false;
    return this.inWindow(state, now) >= this.limits.perWindow;
  }

  /** Counts a message as processed; call it only when not full (safety-critical input is not counted). */
  count(key: string, now: number): void {
    const state = this.touch(key, now);
    if (this.inWindow(state, now) >= this.limits.perWindow) state.processed.shift();
    state.processed.push(now);
    this.extend(state, now + this.limits.windowMs);
  }

  /**
   * When the sender's latest message counted in the window was processed, if one was: what a
   * turn knows of words typed in a burst ("ok so" / "this week" / "was pretty bad").
   */
  latest(key: string, now: number): number | undefined {
    const state = this.peek(key, now);
    if (!state || this.inWindow(state, now) === 0) return undefined;
    return state.processed[state.processed.length - 1];
  }

  /** A message over the limit is dropped: "notice" for the first of a flood, "drop" for the rest. */
  drop(key: string, now: number): "notice" | "drop" {
    const state = this.touch(key, now);
    const flooding = state.lastDrop !== undefined && now - state.lastDrop < this.limits.windowMs;
    state.lastDrop = now;
    this.extend(state, now + this.limits.windowMs);
    return flooding ? "drop" : "notice";
  }

  /** True when the sender was told how to start less than `strangerMs` ago. */
  toldHowToStart(key: string, now: number): boolean {
    const at = this.peek(key, now)?.strangerAt;
    return at !== undefined && now - at < this.limits.strangerMs && now >= at;
  }

  /** The sender, unknown, was told how to start now. */
  tellingHowToStart(key: string, now: number): void {
    const state = this.touch(key, now);
    state.strangerAt = now;
    this.extend(state, now + this.limits.strangerMs);
  }

  /** The answer was not sent after all (its transaction failed): the sender may be told again. */
  forgetHowToStart(key: string): void {
    const state = this.senders.get(key);
    if (state) state.strangerAt = undefined;
  }

  /**
   * How many of the sender's messages fall in the window ending now, with those that left it
   * dropped. Times are kept oldest first, so the ones that left are at the front: each event
   * drops a few in place rather than copying the window, which a clinic may set to thousands.
   */
  private inWindow(state: SenderState, now: number): number {
    const since = now - this.limits.windowMs;
    const times = state.processed;
    const last = times[times.length - 1];
    if (last !== undefined && last > now) {
      // The clock was set back: what lies after now no longer counts, and order is kept.
      state.processed = times.filter((t) => t > since && t <= now);
      return state.processed.length;
    }
    while (times.length > 0 && (times[0] as number) <= since) times.shift();
    return times.length;
  }

  private peek(key: string, now: number): SenderState | undefined {
    this.prune(now);
    return this.senders.get(key);
  }

  /** The sender's state, made the most recently seen (a Map keeps insertion order). */
  private touch(key: string, now: number): SenderState {
    this.prune(now);
    let state = this.senders.get(key);
    if (state) this.senders.delete(key);
    else state = { processed: [], lastDrop: undefined, strangerAt: undefined, expires: now };
    this.senders.set(key, state);
    while (this.senders.size > this.limits.maxSenders) {
      const oldest = this.senders.keys().next().value as string;
      this.senders.delete(oldest);
    }
    return state;
  }

  private extend(state: SenderState, until: number): void {
    state.expires = Math.max(state.expires, until);
  }

  /** Forgets expired senders from the least recently seen end, a few at a time. */
  private prune(now: number): void {
    let checked = 0;
    for (const [key, state] of this.senders) {
      if (checked++ >= 8 || state.expires > now) return;
      this.senders.delete(key);
    }
  }
}

/** A sender as the limiter knows them: a hash of channel and id, never the id itself. */
export function senderKey(channel: string, senderId: string): string {
  return createHash("sha256").update(channel).update("\u0000").update(senderId).digest("base64");
}
