import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/store.js";
import { addTherapist, type ConsoleMessage, freshEnv, runCli, script } from "../helpers/cli.js";
import { databaseAt } from "../store/schema-at.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * `rapport migrate --from sqlite:PATH --to postgres://…` through the built CLI: a practice made on
 * SQLite through the console (therapists, clients, check-ins, answers, a risk alert, warnings,
 * an emergency contact, a schedule, a pause, a client's own plan and language, sealed with a data
 * key) copied into a throwaway PostgreSQL, then read there as it was read on SQLite.
 */
type Env = Record<string, string>;

function inviteCode(messages: ConsoleMessage[], alias: string): string {
  const invite = messages.find((m) => m.text.startsWith(`Invite for ${alias}`));
  const code = /^start (\S+)$/m.exec(invite?.text ?? "")?.[1];
  if (!code) throw new Error(`no invite code for ${alias}`);
  return code;
}

async function practice(env: Env): Promise<void> {
  const rivera = await addTherapist(env, "Dr Rivera");
  const okafor = await addTherapist(env, "Dr Okafor");
  const setup = await script(env, [
    `rivera: link ${rivera}`,
    `okafor: link ${okafor}`,
    "rivera: invite alex",
    "rivera: invite sam",
    "okafor: invite kim",
  ]);
  await script(env, [
    `alex-id: start ${inviteCode(setup, "alex")}`,
    "alex-id: yes",
    `sam-id: start ${inviteCode(setup, "sam")}`,
    "sam-id: yes",
    `kim-id: start ${inviteCode(setup, "kim")}`,
    "kim-id: yes",
    "rivera: checkin alex",
    ...[9, 8, 7, 10, 5, 6, 4, 5, "no"].map((v) => `alex-id: ${v}`),
    "alex-id: the bus ride was hard",
    // A low alliance: a warning and the repeat control's state.
    "rivera: checkin sam",
    ...[2, 3, 2, 3, 5, 5, 4, 5, "no"].map((v) => `sam-id: ${v}`),
    "sam-id: skip",
    "sam-id: honestly I want to die",
    "rivera: contact sam sister 0151 000",
    "rivera: schedule alex weekly tue 17:00 50m",
    "rivera: pause alex 2027-12-24..2028-01-02",
    "rivera: instruments sam progress,alliance",
    "okafor: language kim de",
    "okafor: checkin kim",
  ]);
}

/** What a therapist reads and what `export` writes: the same on both databases. */
async function readings(env: Env) {
  const out = await script(env, [
    "rivera: summary alex",
    "rivera: summary alex --all",
    "rivera: summary sam --all",
    "rivera: clients",
    "okafor: summary kim",
  ]);
  const csv = await runCli(["export", "--format", "csv"], env);
  expect(csv.code).toBe(0);
  return { texts: out.map((m) => `${m.to}: ${m.text}`), csv: csv.stdout };
}

function fileHash(path: string): string {
  const hash = createHash("sha256");
  for (const p of [path, `${path}-wal`]) if (existsSync(p)) hash.update(readFileSync(p));
  return hash.digest("hex");
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf("missing" in found)("rapport migrate --from sqlite:PATH --to postgres://…", () => {
  let server: TestPostgres;
  let made = 0;
  const fresh = () => server.createDatabase(`copy_${++made}`);

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("copies a practice with the same ids, reads the same on PostgreSQL, and continues with the next ids", async () => {
    const key = randomBytes(32).toString("base64");
    const env = freshEnv({ RAPPORT_DATA_KEY: key });
    await practice(env);
    const before = await readings(env);
    expect(before.texts.join("\n")).toContain("rivera: alex: 1 completed check-in");
    expect(before.texts.join("\n")).toContain("OPEN: urgent alert 1 is not acknowledged yet");
    expect(before.csv.split("\n").length).toBeGreaterThan(16);
    const path = env.RAPPORT_DB ?? "";
    const hash = fileHash(path);
    const lite = new Database(path, { readonly: true });
    const largest = (table: string) =>
      (lite.prepare(`SELECT MAX(id) AS n FROM ${table}`).get() as { n: number }).n;
    const last = { checkins: largest("checkins"), people: largest("people"), outbox: largest("outbox") };
    const counts = Object.fromEntries(
      ["risk_alerts", "risk_events", "warnings", "schedules", "jobs", "pauses", "answers"].map((t) => [
        t,
        (lite.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
      ]),
    );
    lite.close();
    for (const [table, n] of Object.entries(counts)) expect(n, table).toBeGreaterThan(0);

    const url = await fresh();
    const copied = await runCli(["migrate", "--from", `sqlite:${path}`, "--to", url], env);
    expect(copied.stderr).toBe("");
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain(`Copying ${path} into PostgreSQL 127.0.0.1:${server.port}/copy_${made}`);
    expect(copied.stdout).toMatch(/^ {2}answers: \d+ rows$/m);
    expect(copied.stdout).toMatch(new RegExp(`^ {2}answers +${counts.answers} +${counts.answers}$`, "m"));
    expect(copied.stdout).not.toContain("differs");
    expect(copied.stdout).toMatch(/Copied \d+ rows at schema version 10 in [\d.]+ s/);
    expect(copied.stdout).toContain("sealed with key");
    expect(copied.stdout).toMatch(/Planner statistics gathered in [\d.]+ s/);
    // Every copied table has been analysed, so the first reads are planned on statistics.
    const unanalysed = await query<{ relname: string }>(
      url,
      "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL AND relname <> 'schema_migrations'",
    );
    expect(unanalysed.map((r) => r.relname)).toEqual([]);
    // The SQLite file is as it was.
    expect(fileHash(path)).toBe(hash);

    const onPg = { ...env, RAPPORT_DATABASE_URL: url };
    const after = await readings(onPg);
    expect(after.texts).toEqual(before.texts);
    expect(after.csv).toBe(before.csv);
    // The sealed values are there and sealed: none of the comment in clear.
    const comments = await query<{ comment: string }>(
      url,
      "SELECT comment FROM checkins WHERE comment IS NOT NULL",
    );
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) expect(c.comment).toMatch(/^enc2:/);

    // New rows continue after the largest ids.
    const next = await script(onPg, [
      "rivera: checkin alex",
      ...[9, 9, 9, 9, 6, 6, 6, 6, "no"].map((v) => `alex-id: ${v}`),
      "alex-id: skip",
    ]);
    expect(next.some((m) => m.to === "rivera" && m.text.startsWith("alex, check-in 2"))).toBe(true);
    await addTherapist(onPg, "Dr New");
    const [ids] = await query<{ checkins: string; people: string; outbox: string }>(
      url,
      "SELECT (SELECT MAX(id) FROM checkins) AS checkins, (SELECT MAX(id) FROM people) AS people, (SELECT MIN(id) FROM outbox WHERE id > " +
        `${last.outbox}) AS outbox`,
    );
    expect(Number(ids?.checkins)).toBe(last.checkins + 1);
    expect(Number(ids?.people)).toBe(last.people + 1);
    expect(Number(ids?.outbox)).toBe(last.outbox + 1);
  }, 240_000);

  it("refuses a target that is not empty, saying what it found", async () => {
    const env = freshEnv();
    await addTherapist(env, "Dr Rivera");
    const url = await fresh();
    const onPg = { ...env, RAPPORT_DATABASE_URL: url };
    await addTherapist(onPg, "Dr Already");
    // --to defaults to RAPPORT_DATABASE_URL.
    const refused = await runCli(["migrate", "--from", `sqlite:${env.RAPPORT_DB}`], onPg);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "--to: the PostgreSQL database is not empty (codes: 1 row, people: 1 row); copy into a new database",
    );
    // An empty database that rapport has only migrated (it holds a sealing row) is taken.
    const migrated = await fresh();
    expect((await runCli(["migrate"], { ...env, RAPPORT_DATABASE_URL: migrated })).code).toBe(0);
    const copied = await runCli(["migrate", "--from", `sqlite:${env.RAPPORT_DB}`, "--to", migrated], env);
    expect(copied.code).toBe(0);
    expect(await query(migrated, "SELECT name FROM people")).toEqual([{ name: "Dr Rivera" }]);
  }, 120_000);

  it("refuses a SQLite file of an earlier schema version, naming the command that migrates it", async () => {
    const env = freshEnv();
    const path = env.RAPPORT_DB ?? "";
    databaseAt(
      path,
      4,
      "INSERT INTO people (id, role, name, created_at) VALUES (1, 'therapist', 'Dr Rivera', '2026-01-01')",
    );
    const url = await fresh();
    const refused = await runCli(["migrate", "--from", `sqlite:${path}`, "--to", url], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `--from: ${path} is at schema version 4, and PostgreSQL would be at 10: bring the file to version 10 first with \`RAPPORT_DATABASE_URL= RAPPORT_DB=${path} rapport migrate\`, then copy again`,
    );
    // Refused before PostgreSQL was touched.
    expect(await query(url, "SELECT COUNT(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([
      { n: 0 },
    ]);
    // The command it names, then the copy.
    const upgraded = await runCli(["migrate"], { ...env, RAPPORT_DATABASE_URL: "", RAPPORT_DB: path });
    expect(upgraded.stdout).toBe(`${path}: schema version 10\n`);
    const copied = await runCli(["migrate", "--from", `sqlite:${path}`, "--to", url], env);
    expect(copied.code).toBe(0);
    expect(await query(url, "SELECT name FROM people")).toEqual([{ name: "Dr Rivera" }]);
  }, 120_000);

  it("checks the counts after the copy: a table that came out short rolls everything back", async () => {
    const env = freshEnv();
    const link = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${link}`, "rivera: invite alex", "rivera: invite sam"]);
    await script(env, [
      `alex-id: start ${inviteCode(setup, "alex")}`,
      "alex-id: yes",
      `sam-id: start ${inviteCode(setup, "sam")}`,
      "sam-id: yes",
    ]);
    const url = await fresh();
    expect((await runCli(["migrate"], { ...env, RAPPORT_DATABASE_URL: url })).code).toBe(0);
    // Rows of one table silently dropped on the way in.
    await query(url, "CREATE RULE drop_consents AS ON INSERT TO consents DO INSTEAD NOTHING");
    const failed = await runCli(["migrate", "--from", `sqlite:${env.RAPPORT_DB}`, "--to", url], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^ {2}consents +2 +0 {2}differs$/m);
    expect(failed.stderr).toContain(
      "the counts differ after the copy (consents: 2 in SQLite, 0 in PostgreSQL); nothing was copied (rolled back)",
    );
    expect(await query(url, "SELECT COUNT(*)::int AS n FROM people")).toEqual([{ n: 0 }]);
  }, 120_000);

  it("refuses a file or a database in use by a server, a --from that is not sqlite:PATH, and a file that is not there", async () => {
    const env = freshEnv();
    const url = await fresh();
    await addTherapist(env, "Dr Rivera");
    const path = env.RAPPORT_DB ?? "";
    // A serve on the file holds its lock file (this test's process stands in for it).
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({ pid: process.pid, purpose: "serve", since: "2026-12-01" }),
    );
    const busyFile = await runCli(["migrate", "--from", `sqlite:${path}`, "--to", url], env);
    expect(busyFile.code).toBe(1);
    expect(busyFile.stderr).toContain(
      `--from: ${path} is in use by rapport serve (process ${process.pid}); stop it before copying`,
    );
    rmSync(`${path}.lock`);
    const serving = await PostgresStore.open(url, new Date(), { purpose: "serve" });
    const busyTarget = await runCli(["migrate", "--from", `sqlite:${path}`, "--to", url], env);
    serving.close();
    expect(busyTarget.code).toBe(1);
    expect(busyTarget.stderr).toContain(
      "--to: the database is in use by a rapport serve; stop every server before copying into it",
    );

    const bad = await runCli(["migrate", "--from", "rapport.db", "--to", url], env);
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain("--from must be sqlite:PATH");
    const missing = await runCli(
      ["migrate", "--from", `sqlite:${join(dirname(env.RAPPORT_DB ?? ""), "none.db")}`, "--to", url],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--from: there is no SQLite file at");
  }, 60_000);
});
