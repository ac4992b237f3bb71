/** Time comes in through this interface so tests move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock a test (or a console script) can set and advance. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date): void {
    this.current = new Date(to.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * Real time plus an offset that only grows: a console script's `@wait 31m` moves it forward so
 * that steps due later (an escalation, a reminder) happen within the script run.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += Math.max(0, ms);
  }
}

/** "90s", "31m", "2h", "1d" in milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  // "31m", "48h", or parts together: "4h5m", "1d 2h".
  const compact = text.trim().toLowerCase();
  if (!/^(\d{1,6}\s*[smhd]\s*)+$/.test(compact)) return undefined;
  const units = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  let ms = 0;
  for (const [, n, unit] of compact.matchAll(/(\d{1,6})\s*([smhd])/g))
    ms += Number(n) * units[unit as keyof typeof units];
  return ms;
}
