/**
 * The engine's "something was queued" to the delivery worker, made before either exists: the
 * engine is built with `notify`, the worker connects to it once built.
 */
export class WakeSignal {
  private target: (() => void) | undefined;

  /** Called after a commit that queued messages. */
  readonly notify = (): void => {
    this.target?.();
  };

  connect(target: () => void): void {
    this.target = target;
  }
}
