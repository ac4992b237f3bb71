import type { Recipient } from "../store/types.js";

/** A lane sends at most this many messages to one recipient before giving others a turn... */
const LANE_MAX = 16;
/** ...and only this many while others wait: an answer's edit and the next question. */
const TURN = 2;

/** A recipient a lane is sending to; `more`: a look found them due again meanwhile. */
export interface Lease {
  readonly key: string;
  readonly recipient: Recipient;
  more: boolean;
}

/**
 * Who the delivery worker sends to next, apart from the pump. Recipients with something due wait
 * in line in the order they were found. One a lane is sending to is out of line: a look that
 * finds them due again only notes `more`, which the lane checks before it lets them go. So no two
 * lanes send to one recipient (their messages stay in order), and none found due is forgotten.
 */
export class RecipientLine {
  private readonly waiting = new Map<string, Recipient>();
  private readonly busy = new Map<string, Lease>();

  /** How many wait in line. */
  get length(): number {
    return this.waiting.size;
  }

  /** A look at the store found `recipient` with something due. */
  found(recipient: Recipient): void {
    const key = `${recipient.channel}\u0000${recipient.recipient}`;
    const lease = this.busy.get(key);
    if (lease) lease.more = true;
    else this.waiting.set(key, recipient);
  }

  /** The first in line, left in line. */
  first(): Recipient | undefined {
    return this.waiting.values().next().value;
  }

  /** Takes the first in line for a lane. */
  take(): Lease | undefined {
    const next = this.waiting.entries().next();
    if (next.done) return undefined;
    const [key, recipient] = next.value;
    this.waiting.delete(key);
    const lease: Lease = { key, recipient, more: false };
    this.busy.set(key, lease);
    return lease;
  }

  /**
   * Whether a lane that has sent `sent` messages to its recipient gives others a turn: once the
   * recipient's edit and next question are out, so one quick client cannot hold a lane while
   * the rest wait.
   */
  turnIsOver(sent: number): boolean {
    return sent >= LANE_MAX || (sent >= TURN && this.waiting.size > 0);
  }

  /** The lane lets the recipient go; a no-op if it already did (another lane may have them now). */
  release(lease: Lease): void {
    if (this.busy.get(lease.key) === lease) this.busy.delete(lease.key);
  }

  /** Released, and in line again at the end: others go first. */
  backInLine(lease: Lease): void {
    this.release(lease);
    this.waiting.set(lease.key, lease.recipient);
  }
}
