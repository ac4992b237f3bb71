import type { Command } from "commander";
import { openApp } from "../src/app.js";
import { systemClock } from "../src/clock.js";
import { databaseLabel, postgresSettings } from "../src/config/database.js";
import { loadSettings } from "../src/config/settings.js";
import { ConfigError } from "../src/errors.js";
import { createLogger } from "../src/log.js";
import { copySqliteToPostgres } from "../src/store/postgres/copy-from-sqlite.js";
import { schemaVersion } from "../src/store/sqlite/migrate.js";
import { SqliteStore } from "../src/store/sqlite/store.js";

/**
 * `rapport migrate`: the configured database brought to the latest schema; with
 * `--from sqlite:PATH [--to postgres://…]`, a practice's SQLite file copied into PostgreSQL.
 */
export function addMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description(
      "apply database migrations (also done at every start); with --from, copy a SQLite database into PostgreSQL",
    )
    .option("--from <source>", "sqlite:PATH, the SQLite file to copy (opened read-only, not changed)")
    .option("--to <url>", "postgres://… of an empty database (default: RAPPORT_DATABASE_URL)")
    .action(async (options: { from?: string; to?: string }) => {
      if (options.from !== undefined) return copyToPostgres(options.from, options.to);
      if (options.to !== undefined) {
        throw new ConfigError("--to goes with --from sqlite:PATH (the SQLite file to copy)", "--from");
      }
      const settings = loadSettings();
      const { store } = await openApp({ settings, log: createLogger(), clock: systemClock });
      const version =
        store instanceof SqliteStore ? schemaVersion(store.connection) : await store.schemaVersion();
      store.close();
      process.stdout.write(`${databaseLabel(settings)}: schema version ${version}\n`);
    });
}

async function copyToPostgres(from: string, to: string | undefined): Promise<void> {
  const path = from.startsWith("sqlite:") ? from.slice("sqlite:".length) : "";
  if (!path) throw new ConfigError("--from must be sqlite:PATH, the SQLite file to copy", "--from");
  const url = targetUrl(to);
  const label = databaseLabel({ dbPath: path, postgres: { url, poolSize: 1 } });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Copying ${path} into ${label}, in one transaction:`);
  const started = performance.now();
  const result = await copySqliteToPostgres({ from: path, to: url, now: systemClock.now(), say });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(
    `Copied ${result.rows} rows at schema version ${result.version} in ${seconds} s; every table's count matches, and new rows continue after the largest ids. ${path} is unchanged.`,
  );
  say(
    result.keyId
      ? `Its values are sealed with key ${result.keyId}: start rapport with RAPPORT_DATABASE_URL and the same RAPPORT_DATA_KEY.`
      : "Its values are not sealed (no RAPPORT_DATA_KEY): start rapport with RAPPORT_DATABASE_URL, and set a key with rapport rotate-key.",
  );
}

/** --to, or RAPPORT_DATABASE_URL without it. */
function targetUrl(to: string | undefined): string {
  if (to !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(to)) {
      throw new ConfigError(
        "--to must be a postgres:// or postgresql:// URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE)",
        "--to",
      );
    }
    return to;
  }
  const configured = postgresSettings(process.env);
  if (!configured) {
    throw new ConfigError(
      "--from needs the PostgreSQL database to copy into: --to postgres://… or RAPPORT_DATABASE_URL",
      "--to",
    );
  }
  return configured.url;
}
