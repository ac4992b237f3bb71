import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Contender, contend, POLLING_LOCK } from "../../src/store/postgres/leader.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { waitFor } from "../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** A contender and what it was told, in order. */
interface Watched {
  contender: Contender;
  told: string[];
  /** Each try of the lock: taken or not. */
  tries: boolean[];
}

/**
 * The election of one process (the Telegram poller) among the instances on one database, by a
 * session-level advisory lock, on a throwaway PostgreSQL server.
 */
describe.skipIf("missing" in found)("leadership by an advisory lock", () => {
  let server: TestPostgres;
  let admin: pg.Client;
  let made = 0;
  const started: Contender[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
  });
  afterAll(async () => {
    await Promise.all(started.map((c) => c.stop()));
    await admin?.end();
    await server?.stop();
  });

  const watch = (url: string, name: string, retryMs: number, lock = POLLING_LOCK): Watched => {
    const told: string[] = [];
    const tries: boolean[] = [];
    const contender = contend(
      { url, lock, retryMs, applicationName: name, onTry: (taken) => tries.push(taken) },
      { lead: () => told.push("lead"), lose: () => told.push("lose"), follow: () => told.push("follow") },
    );
    started.push(contender);
    return { contender, told, tries };
  };

  /** The application names of the sessions holding the lock on this server (at most one). */
  const holders = async (lock = POLLING_LOCK): Promise<string[]> => {
    const result = await admin.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = $1`,
      [lock.toString()],
    );
    return result.rows.map((r) => r.name);
  };

  const database = () => server.createDatabase(`leader_${++made}`);

  it("lets one of two contenders lead; when it stops, the other leads at its next try", async () => {
    const url = await database();
    const a = watch(url, "rapport test a", 50);
    const b = watch(url, "rapport test b", 50);
    await waitFor(
      () => a.tries.length > 0 && b.tries.length > 0 && (a.contender.leading || b.contender.leading),
    );
    // Both have tried: exactly one leads, and the other was told it follows.
    expect([a.contender.leading, b.contender.leading].filter(Boolean)).toHaveLength(1);
    const [leader, other] = a.contender.leading ? [a, b] : [b, a];
    expect(leader.told).toEqual(["lead"]);
    expect(other.told).toEqual(["follow"]);
    expect(await holders()).toEqual([leader === a ? "rapport test a" : "rapport test b"]);
    // It keeps trying, and keeps not taking it, while the leader holds it.
    await waitFor(() => other.tries.length >= 3);
    expect(other.tries.every((taken) => !taken)).toBe(true);
    expect(other.told).toEqual(["follow"]);

    await leader.contender.stop();
    expect(leader.told).toEqual(["lead", "lose"]);
    // Once the server has freed the lock, the first try the other makes takes it (one may be
    // under way already and still have seen it held).
    await waitFor(async () => (await holders()).length === 0 || other.contender.leading);
    const triesWhenFree = other.tries.length;
    await waitFor(() => other.contender.leading);
    expect(other.tries.indexOf(true)).toBeLessThanOrEqual(triesWhenFree);
    expect(other.told).toEqual(["follow", "lead"]);
    await other.contender.stop();
  });

  it("tells the leader at once when its lock's connection is ended by the server, and another takes over", async () => {
    const url = await database();
    // A leader whose own check of its connection would not come within this test: only the
    // connection's end can tell it.
    const a = watch(url, "rapport test slow", 600_000);
    await waitFor(() => a.contender.leading);
    const b = watch(url, "rapport test quick", 50);
    await waitFor(() => b.told.includes("follow"));
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'rapport test slow'",
    );
    await waitFor(() => a.told.includes("lose"));
    expect(a.contender.leading).toBe(false);
    expect(a.told).toEqual(["lead", "lose"]);
    await waitFor(() => b.contender.leading);
    expect(await holders()).toEqual(["rapport test quick"]);
    await Promise.all([a.contender.stop(), b.contender.stop()]);
  });

  it("contends again after its connection drops: one of the two leads, the other follows, and leads when that one goes", async () => {
    const url = await database();
    const a = watch(url, "rapport test first", 50);
    await waitFor(() => a.contender.leading);
    const b = watch(url, "rapport test second", 50);
    await waitFor(() => b.told.includes("follow"));
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'rapport test first'",
    );
    // The first is told it lost, reconnects and contends again: whichever takes the lock first
    // leads (the second usually, the reconnected first when it is quicker), the other follows.
    await waitFor(() => a.told.length >= 3 && a.contender.leading !== b.contender.leading, {
      timeoutMs: 30_000,
    });
    expect(a.told.slice(0, 2)).toEqual(["lead", "lose"]);
    const [leader, follower, followerName] = a.contender.leading
      ? [a, b, "rapport test second"]
      : [b, a, "rapport test first"];
    expect(follower.told.at(-1)).toBe("follow");
    await leader.contender.stop();
    await waitFor(() => follower.contender.leading, { timeoutMs: 30_000 });
    expect(follower.told.at(-1)).toBe("lead");
    expect(await holders()).toEqual([followerName]);
    await follower.contender.stop();
    await waitFor(async () => (await holders()).length === 0);
  });

  it("elects separately on separate databases and for separate locks", async () => {
    const [one, two] = [await database(), await database()];
    const a = watch(one, "rapport test one", 50);
    const b = watch(two, "rapport test two", 50);
    const c = watch(one, "rapport test other lock", 50, POLLING_LOCK + 1n);
    await waitFor(() => a.contender.leading && b.contender.leading && c.contender.leading);
    await Promise.all([a, b, c].map((w) => w.contender.stop()));
  });
});
