import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { serve } from "../helpers/cli.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { sleep, waitFor } from "../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

type Line = { level: number; msg: string; [field: string]: unknown };
/** Warnings and errors, but the poller's own line that it lost the polling lock (a fact of its own). */
const loud = (lines: Line[]) =>
  lines.filter((l) => l.level >= 40 && !l.msg.includes("lost the polling lock"));
const parse = (log: string): Line[] =>
  log
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Line);

/**
 * `rapport serve` on PostgreSQL while the server is stopped and started again: every loop that reads
 * the database (the delivery worker every second, the timed steps, the instance count, the polling
 * lock, /healthz) fails, and the log says so once, naming the database without its password, and
 * once more when it is back; before, each loop printed a stack trace on each try.
 */
describe.skipIf("missing" in found)("serve while PostgreSQL is down", () => {
  let server: TestPostgres;
  const fake = new FakeTelegram();
  let apiRoot = "";

  beforeAll(async () => {
    server = await startPostgres();
    apiRoot = await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    await server?.stop();
  });

  it("logs one error line when it goes, none while it stays away, one info line when it is back", {
    timeout: 90_000,
  }, async () => {
    const url = (await server.createDatabase("outage")).replace("rapport@", "rapport:Pw0rdSecret@");
    const served = await serve({
      PATH: process.env.PATH ?? "",
      RAPPORT_DATABASE_URL: url,
      RAPPORT_DEMO: "1",
      TELEGRAM_BOT_TOKEN: "123456:OUTAGE",
      TELEGRAM_API_ROOT: apiRoot,
    });
    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${served.port}/healthz`);
      await res.arrayBuffer();
      return res.status;
    };
    try {
      const before = parse(served.log()).length;
      await server.halt();
      const since = () => parse(served.log()).slice(before);
      await waitFor(() => since().some((l) => l.msg.startsWith("database unreachable")));
      // A look at the outbox each second, the instance count and the polling lock every 5 s:
      // in 6 s each loop fails again, the worker's several times (before: a stack each time).
      await sleep(6_000);
      expect(await health()).toBe(503);
      expect(await health()).toBe(503);
      const down = since();
      expect(down.filter((l) => l.level >= 50)).toHaveLength(1);
      expect(loud(down)).toHaveLength(1);
      expect(down.find((l) => l.level >= 50)).toMatchObject({
        database: expect.stringMatching(/127\.0\.0\.1:\d+\/outage$/),
      });
      expect(served.log()).not.toContain("stack");

      await server.resume();
      await waitFor(() => since().some((l) => l.msg === "database reachable again"), { timeoutMs: 20_000 });
      expect(await health()).toBe(200);
      const all = since();
      expect(all.filter((l) => l.msg === "database reachable again")).toHaveLength(1);
      expect(loud(all)).toHaveLength(1);
      expect(served.log()).not.toContain("Pw0rdSecret");
    } finally {
      served.child.kill("SIGKILL");
    }
  });
});
