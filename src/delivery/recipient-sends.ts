import type { Clock } from "../clock.js";
import type { OutboxRow, Store } from "../store/types.js";
import type { ChannelHealth } from "./channel-health.js";
import type { ChannelSender } from "./channel-sender.js";
import type { RateLimits } from "./rate-limit.js";
import type { Lease, RecipientLine } from "./recipient-line.js";
import type { SendRecovery } from "./recovery.js";
import type { SentMarks } from "./sent-marks.js";

/**
 * A lane's turn at one recipient, apart from the pump (worker.ts): their due messages asked for
 * one at a time and sent in order, each within the rate limits, and marked sent before the next
 * is asked for. One for the worker's lifetime, so a message costs no more than it did inside it.
 */
export class RecipientSends {
  /** The worker is stopping: lanes finish the message in hand and take no more. */
  closing = false;
  /** Messages sent and marked. */
  sent = 0;
  /** Messages sent or given up: what a round of drain() counts as progress. */
  settled = 0;

  constructor(
    private readonly store: Store,
    private readonly senders: ReadonlyMap<string, ChannelSender>,
    private readonly clock: Clock,
    private readonly line: RecipientLine,
    private readonly limits: RateLimits,
    private readonly marks: SentMarks,
    private readonly recovery: SendRecovery,
    private readonly health: ChannelHealth,
    /** A rate limit holds a message for `waitMs`: the worker notes it and sets its timer. */
    private readonly held: (waitMs: number) => void,
  ) {}

  /** Sends the recipient's due messages in order; true if some remain for a later turn. */
  async sendTo(lease: Lease): Promise<boolean> {
    // The platform refuses the bot's credentials: one message goes now and then to see whether it
    // still does; the rest wait for it without a look at the store. The timer brings them back.
    const refusedMs = this.health.holdMs(lease.recipient.channel, this.clock.now().getTime());
    if (refusedMs > 0) {
      this.held(refusedMs);
      this.line.release(lease);
      return false;
    }
    for (let n = 0; ; n++) {
      lease.more = false;
      const row = await this.store.nextSendable(lease.recipient, this.clock.now().toISOString());
      if (row && this.marks.isUnmarked(row.id)) {
        // Already sent: only its mark is missing.
        if (await this.marks.markUnmarked()) continue;
        return false;
      }
      if (!row) {
        if (lease.more) continue;
        // Released in the same turn as the look that found nothing: a message queued after it
        // is seen by the next look for due recipients, which no longer finds this one busy.
        this.line.release(lease);
        return false;
      }
      if (this.closing) return false;
      if (this.line.turnIsOver(n)) return true;
      const held = this.admit(row, this.clock.now().getTime());
      // Held by the overall limit: back in line, and the lane stops (see runLane). Held by the
      // recipient's own limit: the timer brings it back.
      if (held === "overall") return true;
      if (held === "recipient") return false;
      const sender = this.senders.get(row.channel);
      const outcome = sender ? await this.recovery.attempt(sender, row) : "later";
      if (sender && outcome !== "sent") this.marks.notSent(row, outcome === "later" ? "retry" : "given up");
      if (outcome === "later") return false;
      this.settled++;
      // Given up (failed for good, or unreachable): the recipient's next message may go.
      if (outcome === "final") continue;
      // Marked before the next is asked for: the store holds a recipient's later messages
      // back while an earlier one is pending.
      if (!(await this.marks.mark(row.id, row))) return false;
      this.sent++;
      // Nothing else was pending for them, and no wake or look found them since (a look lists a
      // recipient whose message is in flight: it is still pending): no need to ask again.
      if (row.last && !lease.more) {
        this.line.release(lease);
        return false;
      }
    }
  }

  /**
   * Whether the rate limits let `row` go now, or which limit holds it; when held, the timer is
   * set for when the limit allows.
   */
  private admit(row: OutboxRow, now: number): "go" | "recipient" | "overall" {
    const admission = this.limits.admit(row, now);
    if (!admission.held) return "go";
    this.held(admission.waitMs);
    return admission.held;
  }
}
