import Database from "better-sqlite3";

/**
 * Counts the SQLite statements run while it is on, by their SQL: better-sqlite3's Statement
 * methods are wrapped once for the process, so a cached statement counts each time it runs.
 */
export class StatementCount {
  private static active: StatementCount | undefined;
  private static wrapped = false;
  readonly counts = new Map<string, number>();

  static start(): StatementCount {
    StatementCount.wrapOnce();
    const count = new StatementCount();
    StatementCount.active = count;
    return count;
  }

  stop(): this {
    if (StatementCount.active === this) StatementCount.active = undefined;
    return this;
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** Each statement's count and SQL, one a line: what a failing count shows. */
  lines(): string {
    return [...this.counts].map(([sql, n]) => `${n} ${sql.slice(0, 120)}`).join("\n");
  }

  private static wrapOnce(): void {
    if (StatementCount.wrapped) return;
    StatementCount.wrapped = true;
    const probe = new Database(":memory:");
    const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, unknown>;
    probe.close();
    for (const name of ["run", "get", "all", "iterate"] as const) {
      const original = proto[name] as (this: Database.Statement, ...args: unknown[]) => unknown;
      proto[name] = function (this: Database.Statement, ...args: unknown[]) {
        const count = StatementCount.active;
        if (count) {
          const sql = this.source.replace(/\s+/g, " ").trim();
          count.counts.set(sql, (count.counts.get(sql) ?? 0) + 1);
        }
        return original.apply(this, args);
      };
    }
  }
}
