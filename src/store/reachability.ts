import type { Logger } from "../log.js";

/** While the database stays away, a reminder line this often (the first line said what and where). */
export const REMINDER_MS = 5 * 60_000;

/**
 * Node's codes for a server that cannot be reached or went away (ECONNREFUSED, a name that does
 * not resolve, a reset or timed-out connection).
 */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

/**
 * PostgreSQL's SQLSTATEs of a server that is not there to answer: class 08 (connection exception)
 * but 08P01 (a protocol violation: a query whose parameters do not fit, rapport's own bug), 57P01
 * to 57P03 (shut down by the administrator, crashed, starting up or shutting down) and 53300 (too
 * many connections).
 */
const POSTGRES_AWAY = /^(08(?!P01)...|57P0[1-3]|53300)$/;

/**
 * SQLite's codes of a file that cannot be used now: busy, unreadable, full, read-only, damaged.
 * Not SQLITE_LOCKED, which is a statement's misuse of its own connection.
 */
const SQLITE_AWAY = /^SQLITE_(BUSY|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL|PERM)(_[A-Z_]+)?$/;

/** pg's own errors of a connection that ended or could not be made (they carry no code). */
const PG_CONNECTION_TEXT =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * The code that says the database itself is away (not a query's own failure), or undefined. Only
 * the code is kept: a database's error text can quote a value.
 */
export function awayCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code) || POSTGRES_AWAY.test(code) || SQLITE_AWAY.test(code)) return code;
    return undefined;
  }
  return PG_CONNECTION_TEXT.test(error.message) ? "connection_ended" : undefined;
}

/**
 * Whether the database answers, as the loops of `rapport serve` find it (the delivery worker, the
 * timed steps, the count of instances, /healthz, the polling lock). They share one of these, so
 * that an outage is one error line (which database, the code, which loop noticed), a warning
 * every REMINDER_MS while it lasts and one info line when a loop reaches the database again,
 * instead of a stack trace from each loop every second. Errors of any other kind (a query's own
 * failure) are not taken: the loop logs each of them with its stack.
 */
export class DatabaseReachability {
  private away: { since: number; code: string; remindedAt: number; failures: number } | undefined;

  constructor(
    private readonly log: Pick<Logger, "error" | "warn" | "info">,
    /** The database as logs name it (databaseLabel: host, port and database, no credentials). */
    private readonly database: string,
    private readonly now: () => number = Date.now,
    private readonly remindMs = REMINDER_MS,
  ) {}

  get reachable(): boolean {
    return this.away === undefined;
  }

  /**
   * A loop's call to the database failed. True if the database is away (logged here, once per
   * outage); false: not an outage, and the loop logs the error itself.
   */
  failed(loop: string, error: unknown): boolean {
    const code = awayCode(error);
    if (!code) return false;
    const now = this.now();
    if (!this.away) {
      this.away = { since: now, code, remindedAt: now, failures: 1 };
      this.log.error(
        { database: this.database, code, loop },
        "database unreachable: messages and timed steps wait until it answers again",
      );
      return true;
    }
    this.away.failures++;
    this.away.code = code;
    if (now - this.away.remindedAt >= this.remindMs) {
      this.away.remindedAt = now;
      this.log.warn(
        { database: this.database, code, downForS: Math.round((now - this.away.since) / 1000) },
        "database still unreachable",
      );
    }
    return true;
  }

  /** A loop's call to the database succeeded: if it was away, one line says it is back. */
  reached(): void {
    if (!this.away) return;
    const downForS = Math.round((this.now() - this.away.since) / 1000);
    this.log.info(
      { database: this.database, downForS, failures: this.away.failures },
      "database reachable again",
    );
    this.away = undefined;
  }
}
