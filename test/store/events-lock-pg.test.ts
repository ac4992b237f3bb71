import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres/store.js";
import type { Tx } from "../../src/store/tx.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { sleep } from "../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * Two instances on one database, as two `rapport serve` processes are (a pool each): their
 * transactions read and then write as the engine's do, and must come out as if one ran after the
 * other, as SQLite's single writer runs them. Each transaction pauses between its read and its
 * write, so that without the events lock both would read before either wrote.
 */
describe.skipIf("missing" in found)("events of two instances on one PostgreSQL database", () => {
  const at = "2026-12-01T10:00:00.000Z";
  /** Long enough for the other instance's transaction to reach its read meanwhile. */
  const BETWEEN_READ_AND_WRITE_MS = 100;
  let server: TestPostgres;
  let made = 0;
  let open: PostgresStore[] = [];

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => {
    for (const store of open) store.close();
    open = [];
  });

  async function twoInstances(): Promise<{ url: string; a: PostgresStore; b: PostgresStore }> {
    const url = await server.createDatabase(`events_${++made}`);
    const [a, b] = await Promise.all([
      PostgresStore.open(url, new Date(), { poolSize: 2 }),
      PostgresStore.open(url, new Date(), { poolSize: 2 }),
    ]);
    open.push(a, b);
    return { url, a, b };
  }

  async function count(url: string, sql: string): Promise<number> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
    } finally {
      await client.end();
    }
  }

  /** The same transaction asked of both instances at once; what each returned, sorted. */
  async function bothAtOnce<T>(a: PostgresStore, b: PostgresStore, fn: (tx: Tx) => Promise<T>) {
    const results = await Promise.allSettled([a.transaction(fn), b.transaction(fn)]);
    return results.map((r) => (r.status === "fulfilled" ? String(r.value) : `failed: ${r.reason}`)).sort();
  }

  async function aClient(store: PostgresStore): Promise<number> {
    return store.transaction(async (tx) => {
      const therapist = await tx.createPerson("therapist", "Dr Rivera", at);
      return (await tx.createClient(therapist, "alex", at)).personId;
    });
  }

  it("records an update id delivered to both at once once, and handles it once", async () => {
    const { url, a, b } = await twoInstances();
    const results = await bothAtOnce(a, b, async (tx) => {
      if (!(await tx.recordInbound("telegram", "update-1", at))) return "duplicate";
      await sleep(BETWEEN_READ_AND_WRITE_MS);
      await tx.createPerson("therapist", "Dr Rivera", at);
      return "processed";
    });
    expect(results).toEqual(["duplicate", "processed"]);
    expect(await count(url, "SELECT COUNT(*) AS n FROM inbound_events")).toBe(1);
    expect(await count(url, "SELECT COUNT(*) AS n FROM people")).toBe(1);
  });

  it("opens one check-in when both look for an open one and open it if none", async () => {
    const { url, a, b } = await twoInstances();
    const client = await aClient(a);
    // The second sees the first's check-in, as it would on SQLite: neither fails on the index
    // that allows one open check-in per client.
    const results = await bothAtOnce(a, b, async (tx) => {
      if (await tx.openCheckin(client)) return "already open";
      await sleep(BETWEEN_READ_AND_WRITE_MS);
      return `opened #${(await tx.createCheckin(client, [], at)).seq}`;
    });
    expect(results).toEqual(["already open", "opened #1"]);
    expect(await count(url, "SELECT COUNT(*) AS n FROM checkins")).toBe(1);
  });

  it("does a due job once when both run their timed steps at once", async () => {
    const { url, a, b } = await twoInstances();
    const client = await aClient(a);
    await a.transaction((tx) => tx.addJob("reminder", client, at, at));
    const results = await bothAtOnce(a, b, async (tx) => {
      const jobs = await tx.dueJobs(at, 10);
      for (const job of jobs) {
        await sleep(BETWEEN_READ_AND_WRITE_MS);
        await tx.enqueueDirect("test", "alex", {}, { kind: "info", text: `job ${job.id}` }, at);
        await tx.finishJob(job.id, "sent", at);
      }
      return `${jobs.length} due`;
    });
    expect(results).toEqual(["0 due", "1 due"]);
    expect(await count(url, "SELECT COUNT(*) AS n FROM outbox")).toBe(1);
  });
});
