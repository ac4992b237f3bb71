import { backoffMs } from "./backoff.js";
import { DeliveryError } from "./channel-sender.js";

/** What to do with a message whose send failed: try again after a wait, or give it up. */
type RetryDecision =
  | { kind: "retry"; waitMs: number; attempt: number; counts: boolean; reason: string }
  | { kind: "give up"; outcome: "unreachable" | "failed" | "permanent"; attempt: number; reason: string }
  /** The platform refused the bot's credentials: kept, not counted; the channel's health sets the wait. */
  | { kind: "refused"; attempt: number; reason: string };

interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long an urgent message waits at most between attempts, however long the platform is down. */
  urgentMaxDelayMs: number;
}

/**
 * Pure: the failed send of a message (its attempts so far, whether it is urgent) and the error
 * → the decision. A platform's "slow down" (a 429 with its wait) is no failure of the message and
 * does not count as an attempt, nor does a failed early try (the message keeps its own schedule), nor a refusal of the bot's own credentials (the bot's fault,
 * never the message's: it is kept however long that lasts); an unreachable recipient or a permanent error is given up at
 * once; crisis messages and urgent alerts are never given up while the recipient is reachable;
 * everything else is given up after `maxAttempts`, with jittered backoff in between.
 */
export function decideRetry(
  /** `early`: made due before its time, to see whether the channel is back (recovery.ts): a failure is not counted. */
  message: { attempts: number; urgent: boolean; early?: boolean },
  error: unknown,
  options: RetryOptions,
  random: () => number = Math.random,
): RetryDecision {
  const outcome = error instanceof DeliveryError ? error.outcome : "retry";
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
  const retryAfter = error instanceof DeliveryError ? error.retryAfterMs : undefined;
  if (outcome === "refused") return { kind: "refused", attempt: message.attempts, reason };
  const counts = retryAfter === undefined && message.early !== true;
  const attempt = message.attempts + (counts ? 1 : 0);
  if (outcome !== "retry") return { kind: "give up", outcome, attempt, reason };
  if (!message.urgent && attempt >= options.maxAttempts)
    return { kind: "give up", outcome: "failed", attempt, reason };
  const cap = message.urgent ? options.urgentMaxDelayMs : options.maxDelayMs;
  const waitMs = retryAfter ?? backoffMs(attempt, options.baseDelayMs, cap, random);
  return { kind: "retry", waitMs, attempt, counts, reason };
}
