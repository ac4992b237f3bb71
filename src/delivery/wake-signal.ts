import type { Recipient } from "../store/types.js";

/**
 * The engine's "something was queued" to the delivery worker, made before either exists: the
 * engine is built with `notify`, the worker connects to it once built. With the recipients the
 * commit queued for, the worker asks about them only; without, it looks at the whole outbox.
 */
export class WakeSignal {
  private target: ((recipients?: readonly Recipient[]) => void) | undefined;

  /** Called after a commit that queued messages. */
  readonly notify = (recipients?: readonly Recipient[]): void => {
    this.target?.(recipients);
  };

  connect(target: (recipients?: readonly Recipient[]) => void): void {
    this.target = target;
  }
}
