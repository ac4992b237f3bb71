import type { ChannelLimits } from "./rate-limit.js";

/**
 * Several `rapport serve` instances on one PostgreSQL database send for the same bots, and a
 * platform's overall limit (Telegram: about 30 messages a second per bot) holds for all of them
 * together. Each instance keeps to an equal part of it: the overall limit divided by the number
 * of live instances, which each counts from the database's sessions every few seconds
 * (src/store/postgres/instances.ts).
 *
 * Why a share and not one limit held in the database: a counter there would cost a round trip for
 * every message and make one row every sender of every instance writes to, a hot spot that slows
 * the whole outbox; a share costs one small query every few seconds. An instance with little to
 * send leaves part of the limit unused meanwhile, which costs throughput only at the limit.
 *
 * The per-recipient limit is not divided: one instance sends to a recipient at a time (each row is
 * claimed by the instance that sends it, and a recipient's next message waits until the one before
 * is marked sent), so each instance paces what it sends. When a recipient's messages pass from one
 * instance to another, the second does not know the first one's pace: the recipient may get one
 * burst more (three messages) than from a single instance.
 */

/**
 * A channel's limits for one of `instances` instances sending for the same bot: the overall
 * rate and burst divided among them (a burst of at least one message), the per-recipient limit
 * as it is. Fewer than one instance (none counted yet, or not PostgreSQL) counts as one.
 */
export function sharedLimits(limits: ChannelLimits, instances: number): ChannelLimits {
  const n = Number.isFinite(instances) ? Math.max(1, Math.floor(instances)) : 1;
  if (!limits.global || n === 1) return limits;
  return {
    ...limits,
    global: {
      burst: Math.max(1, Math.floor(limits.global.burst / n)),
      perSecond: limits.global.perSecond / n,
    },
  };
}

/**
 * Counts the live instances every `everyMs` and applies the count when it changes (the first
 * count is applied at once). A failed count keeps the last one: the database being away stops
 * sending anyway. Returns stop().
 */
export function followInstances(options: {
  count: () => Promise<number>;
  apply: (instances: number) => void;
  everyMs: number;
  onError?: (error: unknown) => void;
}): { stop(): void } {
  let last = 1;
  let stopped = false;
  const look = async () => {
    try {
      const n = Math.max(1, await options.count());
      if (!stopped && n !== last) {
        last = n;
        options.apply(n);
      }
    } catch (error) {
      options.onError?.(error);
    }
  };
  void look();
  const timer = setInterval(() => void look(), options.everyMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
