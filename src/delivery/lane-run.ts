import type { SendableRow, Store } from "../store/types.js";
import type { Lease } from "./recipient-line.js";

/** Read at once: an answer's edit and the next question, a lane's turn while others wait. */
const READ_AHEAD = 2;

/**
 * A lane's next messages for its recipient, read a turn at a time (sendableRun) instead of one
 * read per message: the read of the outbox was the largest part of the store's cost per answer.
 * A row read ahead goes only if nothing was queued for the recipient since (the engine's wake or
 * a look at the outbox sets the lease's `more`) and it is still pending: an event may have given
 * it up meanwhile (an erasure, a person found unreachable). Otherwise the store is read again.
 */
export class LaneRun {
  private ahead: SendableRow[] = [];

  constructor(
    private readonly store: Pick<Store, "sendableRun" | "stillPending">,
    private readonly lease: Lease,
  ) {}

  /** The recipient's next message that may go now, if any. */
  async next(now: string): Promise<SendableRow | undefined> {
    const row = this.ahead.shift();
    if (row && !this.lease.more && (await this.store.stillPending(row.id))) return row;
    this.lease.more = false;
    this.ahead = await this.store.sendableRun(this.lease.recipient, now, READ_AHEAD);
    return this.ahead.shift();
  }

  /** Forgets what was read ahead: after a row given up, or a mark written late, read again. */
  drop(): void {
    this.ahead = [];
  }
}
