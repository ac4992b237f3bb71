import pg from "pg";
import { inject } from "vitest";
import { socketUrlOf } from "./postgres.js";

/**
 * Databases of the matrix's PostgreSQL server (test/support/postgres-matrix-setup.ts), one per
 * Conversation: a copy of the migrated template (CREATE DATABASE … TEMPLATE copies files, much
 * faster than migrating), dropped when the conversation closes. One admin connection per test
 * process makes and drops them in order; the file's last hook waits for the drops
 * (test/support/postgres-matrix-hooks.ts), so no copy outlives its test file.
 */

let admin: Promise<pg.Client> | undefined;
/** The admin statement last asked for: each waits for the one before (one query at a time per client). */
let last: Promise<unknown> = Promise.resolve();
/** The drops not yet done, so the last hook can wait for them. */
const dropping = new Set<Promise<unknown>>();
let made = 0;

function adminClient(): Promise<pg.Client> {
  if (!admin) {
    const client = new pg.Client({ connectionString: urlOf() });
    // A server stopped at the end of the run ends this connection: not an error of any test.
    client.on("error", () => {});
    admin = client.connect().then(() => client);
  }
  return admin;
}

/** Runs a statement on the admin connection after those asked for before it. */
function onAdmin(sql: string): Promise<void> {
  const done = last.then(async () => {
    await (await adminClient()).query(sql);
  });
  last = done.catch(() => {});
  return done;
}

/** The URL of a database of the matrix's server. */
function urlOf(name = "postgres"): string {
  const { socketDir, port } = inject("matrixPostgres");
  return socketUrlOf(socketDir, port, name);
}

export interface TestDatabase {
  name: string;
  url: string;
}

/** The next test's database, being copied while the current test runs. */
let spare: Promise<TestDatabase> | undefined;

async function copyTemplate(): Promise<TestDatabase> {
  const name = `t_${process.pid}_${++made}`;
  await onAdmin(`CREATE DATABASE ${name} TEMPLATE ${inject("matrixPostgres").template}`);
  return { name, url: urlOf(name) };
}

/**
 * A new database copied from the migrated template. A copy takes about half a second (the
 * template's files go through the WAL), longer than many tests, so the next one is made at once
 * in the background, while this one is in use.
 */
export function freshDatabase(): Promise<TestDatabase> {
  const next = spare ?? copyTemplate();
  spare = copyTemplate();
  // Dropped by closeDatabases if no test takes it; a failed copy fails the test that takes it.
  spare.catch(() => {});
  return next;
}

/**
 * Drops a database (its name known now or once made) in the background, after `after` has settled
 * (the store's connections closing); FORCE ends any connection still open. Counted at once, so the
 * file's last hook waits for it even while the database is still being made.
 */
export function dropDatabase(
  name: string | Promise<string>,
  after: Promise<unknown> = Promise.resolve(),
): void {
  const drop = Promise.all([name, after.catch(() => {})])
    .then(([database]) => onAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`))
    .catch(() => {})
    .finally(() => dropping.delete(drop));
  dropping.add(drop);
}

/** Drops the spare database, waits for the drops still under way, then closes the admin connection. */
export async function closeDatabases(): Promise<void> {
  if (spare) {
    dropDatabase(spare.then((database) => database.name));
    spare = undefined;
  }
  while (dropping.size > 0) await Promise.all([...dropping]);
  const client = admin;
  admin = undefined;
  if (client) await (await client).end();
}
