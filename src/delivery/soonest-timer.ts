/**
 * The delivery worker's one timer, apart from the pump because several things ask for it (a rate
 * limit that frees up, a retry that falls due, the poll for rows another process wrote) and only
 * the soonest counts: asking for a later time never puts off a sooner one.
 */
export class SoonestTimer {
  private timer: NodeJS.Timeout | undefined;
  private at = Number.POSITIVE_INFINITY;

  constructor(private readonly fire: () => void) {}

  /** Goes off `delayMs` from now, unless already set to go off sooner; it never keeps the process up. */
  set(delayMs: number): void {
    const wait = Math.max(0, delayMs);
    const at = Date.now() + wait;
    if (this.timer && this.at <= at) return;
    this.clear();
    this.at = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.at = Number.POSITIVE_INFINITY;
      this.fire();
    }, wait);
    this.timer.unref();
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.at = Number.POSITIVE_INFINITY;
  }
}
