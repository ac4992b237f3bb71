import { ConfigError } from "../errors.js";
import { ProblemList } from "./problem-list.js";

/** Where the store is: PostgreSQL (RAPPORT_DATABASE_URL) or, without it, the SQLite file of RAPPORT_DB. */
export interface PostgresSettings {
  /** postgres://… as given: host, port, database, user, password and TLS (sslmode, sslrootcert, …) from it. */
  url: string;
  /** RAPPORT_DATABASE_POOL: connections in the pool (default 10). */
  poolSize: number;
}

type Env = Record<string, string | undefined>;

const DEFAULT_POOL = 10;
const MAX_POOL = 100;

/** RAPPORT_DATABASE_URL and RAPPORT_DATABASE_POOL; undefined when the URL is not set (SQLite). */
export function postgresSettings(env: Env): PostgresSettings | undefined {
  const url = env.RAPPORT_DATABASE_URL?.trim();
  if (!url) {
    if (env.RAPPORT_DATABASE_POOL) {
      throw new ConfigError(
        "RAPPORT_DATABASE_POOL is set but RAPPORT_DATABASE_URL is not: the pool is PostgreSQL's (set the URL, or unset the pool)",
        "RAPPORT_DATABASE_POOL",
      );
    }
    return undefined;
  }
  // The URL and the pool size are checked apart: both problems at once.
  const problems = new ProblemList();
  problems.check(() => checkUrl(url));
  const poolSize = problems.check(() => parsePool(env.RAPPORT_DATABASE_POOL));
  problems.throwIfAny();
  return { url, poolSize: poolSize ?? DEFAULT_POOL };
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL itself is not repeated: it may hold a password.
    throw new ConfigError(
      "RAPPORT_DATABASE_URL is not a URL: expected postgres://USER:PASSWORD@HOST:PORT/DATABASE (TLS with ?sslmode=verify-full)",
      "RAPPORT_DATABASE_URL",
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new ConfigError(
      `RAPPORT_DATABASE_URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//…); for SQLite leave it unset and use RAPPORT_DB`,
      "RAPPORT_DATABASE_URL",
    );
  }
}

function parsePool(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_POOL;
  const size = Number(raw);
  if (!/^\d{1,3}$/.test(raw.trim()) || size < 1 || size > MAX_POOL) {
    throw new ConfigError(
      `RAPPORT_DATABASE_POOL must be a whole number from 1 to ${MAX_POOL} (got "${raw}")`,
      "RAPPORT_DATABASE_POOL",
    );
  }
  return size;
}

/** The database as logs and `rapport status` name it: the file, or PostgreSQL's host and database (no credentials). */
export function databaseLabel(settings: { dbPath: string; postgres?: PostgresSettings }): string {
  if (!settings.postgres) return settings.dbPath;
  const url = new URL(settings.postgres.url);
  return `PostgreSQL ${url.hostname || "(socket)"}${url.port ? `:${url.port}` : ""}${url.pathname}`;
}
