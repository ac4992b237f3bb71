import { RapportError } from "../errors.js";

/** What opening did to the schema: the version found and the one it is now (both stores). */
export interface SchemaChange {
  from: number;
  to: number;
}

/** The one info line a migration gets, wherever it runs (serve, migrate, console, add). */
export function migratedMessage(change: SchemaChange): string {
  return `database migrated from schema ${change.from} to ${change.to}`;
}

/**
 * For commands that must not change the schema (the admin commands, export, status): a database
 * of an earlier rapport is refused, naming `rapport migrate`, before anything is written. A new,
 * empty one (version 0) is created, as every command creates one.
 */
export function refuseOlderSchema(setting: string, what: string, found: number, latest: number): void {
  if (found === 0 || found >= latest) return;
  throw new RapportError(
    `${setting}: ${what} is at schema version ${found}, and this rapport needs ${latest}. Nothing was changed. Upgrade it with rapport migrate (stop rapport serve and back up the database first: README, "Upgrading"), then run this command again`,
    "db_schema_old",
  );
}
