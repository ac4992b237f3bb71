import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { serve } from "../helpers/cli.js";
import { textUpdate } from "../helpers/telegram-updates.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../support/postgres.js";
import { waitFor } from "../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/**
 * Two `rapport serve` on one PostgreSQL database with Telegram long polling (no webhook secret):
 * one polls, the other stands by; when the poller is killed, the other takes over. Each instance
 * calls the fake Bot API at a root of its own, so the fake knows who polls.
 */
describe.skipIf("missing" in found)(
  "Telegram long polling with two servers on one PostgreSQL database",
  () => {
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

    const polls = (via: string) =>
      fake.calls.filter((c) => c.method === "getUpdates" && c.via === via).length;

    it("polls from one instance only, and from the other once the first is killed", {
      timeout: 120_000,
    }, async () => {
      const url = await server.createDatabase("polling");
      const env = (via: string) => ({
        PATH: process.env.PATH ?? "",
        RAPPORT_DATABASE_URL: url,
        RAPPORT_DEMO: "1",
        TELEGRAM_BOT_TOKEN: "123456:POLL",
        TELEGRAM_API_ROOT: `${apiRoot}/${via}`,
      });
      const a = await serve(env("a"));
      const b = await serve(env("b"));
      try {
        // Both are ready (/healthz 200): the one that stands by reports Telegram connected too.
        await waitFor(() => polls("a") >= 2);
        expect(polls("b")).toBe(0);
        expect(fake.conflicts).toBe(0);
        expect(a.log()).toContain("this instance polls");
        expect(b.log()).toContain('"poller":"another instance"');
        fake.queueUpdate(textUpdate(3101, "hello"));
        await fake.waitFor(() => fake.textsTo(3101).length === 1);

        a.child.kill("SIGKILL");
        // The other tries for the lock every 5 seconds and takes over once the server has freed it.
        await waitFor(() => polls("b") > 0, { timeoutMs: 30_000 });
        expect(b.log()).toContain("this instance polls");
        fake.queueUpdate(textUpdate(3102, "hello"));
        await fake.waitFor(() => fake.textsTo(3102).length === 1, 15_000);
        const answer = fake.sent().find((c) => Number(c.body.chat_id) === 3102);
        expect(answer?.via).toBe("b");
        expect(fake.textsTo(3101)).toHaveLength(1);
      } finally {
        a.child.kill("SIGKILL");
        b.child.kill("SIGKILL");
      }
    });
  },
);
