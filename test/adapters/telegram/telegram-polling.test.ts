import { Bot } from "grammy";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelStates } from "../../../adapters/channel-states.js";
import { pollingLeadership } from "../../../adapters/leadership.js";
import { pollWhileLeading } from "../../../adapters/telegram/telegram-polling.js";
import { FakeTelegram } from "../../fakes/fake-telegram.js";
import { silentLog } from "../../helpers/conversation.js";
import { textUpdate } from "../../helpers/telegram-updates.js";
import { postgresBinaries, startPostgres, type TestPostgres } from "../../support/postgres.js";
import { waitFor } from "../../support/wait.js";

const found = postgresBinaries();
if ("missing" in found && process.env.CI) throw new Error(found.missing);

/** One instance's bot: its own API root on the fake (so the fake knows whose calls are whose). */
interface Instance {
  name: string;
  bot: Bot;
  states: ChannelStates;
  /** The updates this instance's bot handled, by update id. */
  handled: number[];
  polling: { stop(): Promise<void> };
}

/**
 * Long polling among instances on one PostgreSQL database: only the elected one calls
 * getUpdates (the fake answers a second poller's older request 409, as Telegram does), and
 * another takes over when it goes or its lock's connection drops.
 */
describe.skipIf("missing" in found)("Telegram long polling by the elected instance", () => {
  let server: TestPostgres;
  let admin: pg.Client;
  const fake = new FakeTelegram();
  let made = 0;
  const running: Instance[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await fake.start();
  });
  afterAll(async () => {
    await Promise.all(running.map((i) => i.polling.stop()));
    await fake.stop();
    await admin?.end();
    await server?.stop();
  });

  const instance = async (url: string, name: string): Promise<Instance> => {
    const bot = new Bot("123456:POLL", { client: { apiRoot: `${fake.url}/${name}` } });
    bot.botInfo = await bot.api.getMe();
    const handled: number[] = [];
    bot.on("message", (ctx) => {
      handled.push(ctx.update.update_id);
    });
    const states = new ChannelStates();
    const leadership = pollingLeadership(url, `rapport test ${name}`, silentLog, 100);
    const polling = pollWhileLeading(bot, leadership, states, silentLog);
    const made: Instance = { name, bot, states, handled, polling };
    running.push(made);
    return made;
  };
  const polls = (name: string) =>
    fake.calls.filter((c) => c.method === "getUpdates" && c.via === name).length;

  it("polls from one instance only; the other takes over when the poller stops, and takes its updates", async () => {
    const url = await server.createDatabase(`polling_${++made}`);
    const a = await instance(url, "a");
    await waitFor(() => a.bot.isRunning() && polls("a") > 0);
    const b = await instance(url, "b");
    // Both report the channel connected: the follower sends the outbox as usual.
    await waitFor(() => b.states.ready());
    expect(a.states.ready()).toBe(true);
    await waitFor(() => polls("a") >= 3);
    expect(polls("b")).toBe(0);
    expect(b.bot.isRunning()).toBe(false);
    expect(fake.conflicts).toBe(0);

    fake.queueUpdate(textUpdate(7001, "hello", 80_001));
    await waitFor(() => a.handled.includes(80_001));

    await a.polling.stop();
    expect(a.bot.isRunning()).toBe(false);
    await waitFor(() => b.bot.isRunning() && polls("b") > 0);
    // Counted once b polls: grammY's stop confirms the last updates with one more call of its own,
    // which a loaded machine may see land after stop() returned.
    const byA = polls("a");
    fake.queueUpdate(textUpdate(7001, "again", 80_002));
    await waitFor(() => b.handled.includes(80_002));
    // The update a confirmed before it stopped is not taken again, and a polls no more.
    expect(b.handled).not.toContain(80_001);
    expect(a.handled).not.toContain(80_002);
    expect(polls("a")).toBe(byA);
    await b.polling.stop();
  });

  it("stops polling at once when its lock's connection drops, and the other polls", async () => {
    const url = await server.createDatabase(`polling_${++made}`);
    // c reaches the database as a role of its own, so that the test can cut c off for good, as a
    // network failure would: with its connection only ended, c may take the freed lock back
    // before d's next try, which is right for rapport but leaves nothing to see here.
    await admin.query("CREATE ROLE poller_c LOGIN");
    const a = await instance(url.replace(/\/\/[^@]+@/, "//poller_c@"), "c");
    await waitFor(() => a.bot.isRunning() && polls("c") > 0);
    const b = await instance(url, "d");
    await waitFor(() => b.states.ready());
    await admin.query("ALTER ROLE poller_c NOLOGIN");
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'rapport test c'",
    );
    await waitFor(() => !a.bot.isRunning());
    await waitFor(() => b.bot.isRunning() && polls("d") > 0);
    fake.queueUpdate(textUpdate(7002, "hello", 80_003));
    await waitFor(() => b.handled.includes(80_003));
    expect(a.handled).not.toContain(80_003);
    await Promise.all([a.polling.stop(), b.polling.stop()]);
  });
});
