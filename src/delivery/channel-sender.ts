import { RapportError } from "../errors.js";
import type { Delivery } from "../model.js";
import type { ChannelLimits } from "./rate-limit.js";

/** What the delivery worker needs from a channel adapter: send one message, or say why not. */
export interface ChannelSender {
  readonly channel: string;
  /** The platform's sending limits; the worker holds messages back to stay under them. */
  readonly limits?: ChannelLimits;
  send(delivery: Delivery): Promise<void>;
}

/**
 * How a send failed, in the worker's terms. Adapters translate their platform's errors into
 * this at the edge (a 429 with retry_after, a 403 for a blocked bot, a 5xx). "refused": the
 * platform refused the bot's own credentials (a revoked or mistyped token), which is no fault of
 * the message or its recipient: the worker keeps the channel's messages queued and tries again.
 */
export class DeliveryError extends RapportError {
  constructor(
    message: string,
    readonly outcome: "retry" | "unreachable" | "permanent" | "refused",
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, `delivery_${outcome}`, options);
    this.name = "DeliveryError";
  }
}
