import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshEnv, runCli, script } from "../helpers/cli.js";
import { SEALED, sealedPractice } from "../helpers/sealed-practice.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * Encryption at rest on PostgreSQL through the built CLI, as test/cli/encryption.test.ts on SQLite:
 * `rapport rotate-key` seals a plain database with its first key and moves a sealed one to a new
 * key (`--old`), after which the old key is refused.
 */
const { comment: COMMENT, alias: ALIAS, client: CLIENT, risk: RISK, contact: CONTACT } = SEALED;
const NEEDLES = [COMMENT, ALIAS, CLIENT, RISK, CONTACT, "stockpiling"];

/** Every row of every table as text, searched for the needles: what a reader of the database sees. */
async function databaseHolds(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
      )
    ).rows;
    const text: string[] = [];
    for (const { name } of tables) {
      const rows = await client.query<{ t: string | null }>(
        `SELECT string_agg(x::text, ' ') AS t FROM ${name} x`,
      );
      text.push(rows.rows[0]?.t ?? "");
    }
    return NEEDLES.filter((n) => text.some((t) => t.includes(n)));
  } finally {
    await client.end();
  }
}

describe.skipIf("missing" in found)("encryption at rest on PostgreSQL, through the built CLI", () => {
  let server: TestPostgres;
  let made = 0;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("keeps the values sealed, rotates to a new key with --old, and refuses the old key after", async () => {
    const url = await server.createDatabase(`keys_${++made}`);
    const oldKey = randomBytes(32).toString("base64");
    const env = freshEnv({ RAPPORT_DATABASE_URL: url, RAPPORT_DATA_KEY: oldKey });
    await sealedPractice(env);
    expect(await databaseHolds(url)).toEqual([]);

    const newKey = randomBytes(32).toString("base64");
    // Without the old key the new one cannot open the database: refused, naming the command.
    const without = await runCli(["rotate-key"], { ...env, RAPPORT_DATA_KEY: newKey });
    expect(without.code).toBe(78);
    expect(without.stderr).toContain("to move it to this key, run `rapport rotate-key --old OLD_KEY`");
    // A wrong old key is no better.
    const wrong = await runCli(["rotate-key", "--old", randomBytes(32).toString("base64")], {
      ...env,
      RAPPORT_DATA_KEY: newKey,
    });
    expect(wrong.code).toBe(78);

    const rotated = await runCli(["rotate-key", "--old", oldKey], { ...env, RAPPORT_DATA_KEY: newKey });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(
      /^Re-encrypted \d+ values with key [0-9a-f]{8}\. Keep the old key, apart from the backups, until the last backup sealed with it has expired: those backups open only with the old key\.$/m,
    );
    expect(await databaseHolds(url)).toEqual([]);
    const again = await runCli(["rotate-key", "--old", oldKey], { ...env, RAPPORT_DATA_KEY: newKey });
    expect(again.stdout).toMatch(/already sealed with key/);

    const after = await script({ ...env, RAPPORT_DATA_KEY: newKey }, [
      `${CLIENT}: mydata`,
      `rivera: summary ${ALIAS}`,
    ]);
    expect(after[0]?.text).toContain(`comment: ${COMMENT}`);
    expect(after[0]?.text).toContain(`Name here: ${ALIAS}`);
    expect(after[0]?.text).toContain(`${RISK}, I've been stockpiling my pills`);
    expect(after[0]?.text).toContain(`Emergency details your therapist recorded: ${CONTACT}`);
    expect(after.find((m) => m.to === "rivera")?.text).toContain(`${ALIAS} · episode since`);
    const stale = await runCli(["console", "--json", "--script", "-"], env, `${CLIENT}: mydata\n`);
    expect(stale.code).toBe(78);
    expect(stale.stderr).toContain("rotate-key");
  }, 180_000);

  it("seals a database that had no key when the first key is set", async () => {
    const url = await server.createDatabase(`keys_${++made}`);
    const env = freshEnv({ RAPPORT_DATABASE_URL: url });
    await sealedPractice(env);
    expect(await databaseHolds(url)).toEqual(expect.arrayContaining([COMMENT, ALIAS]));
    const key = randomBytes(32).toString("base64");
    const rotated = await runCli(["rotate-key"], { ...env, RAPPORT_DATA_KEY: key });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/^Re-encrypted \d+ values/);
    expect(await databaseHolds(url)).toEqual([]);
    const after = await script({ ...env, RAPPORT_DATA_KEY: key }, [`${CLIENT}: mydata`]);
    expect(after[0]?.text).toContain(`comment: ${COMMENT}`);
  }, 180_000);
});
