import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/fake-slack.js";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { freshEnv, serve } from "../helpers/cli.js";
import { sleep, until } from "../support/wait.js";

/**
 * Start-up tells what it is doing: "listening" first, each channel connecting in the background
 * with a log line per attempt naming the setting, and /healthz answering 503 with each channel's
 * state until every configured channel has connected once.
 */
const children: ChildProcess[] = [];
const fakes: FakeTelegram[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const f of fakes.splice(0)) await f.stop();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const lines = (log: string) =>
  log
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("start-up", () => {
  it("listens at once while the Bot API is unreachable, says so per attempt naming TELEGRAM_API_ROOT, and connects when it answers", async () => {
    const port = await closedPort();
    const env = freshEnv({
      RAPPORT_DEMO: "1",
      TELEGRAM_BOT_TOKEN: "123456:TEST-token",
      TELEGRAM_WEBHOOK_SECRET: "s",
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
    });
    const started = Date.now();
    const server = await serve(env, { ready: false });
    children.push(server.child);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The risk screen is built before listening, so the first message after a start does not wait for it.
    const logged = lines(server.log());
    const said = logged.map((l) => l.msg);
    const ready = logged.find((l) => l.msg === "risk screen ready");
    expect(said.indexOf("risk screen ready")).toBeGreaterThanOrEqual(0);
    expect(said.indexOf("risk screen ready")).toBeLessThan(said.indexOf("rapport is listening"));
    expect(ready?.languages).toEqual(expect.arrayContaining(["en", "de", "es"]));
    expect(Number(ready?.phrases)).toBeGreaterThan(100);
    const first = await health(server.port);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ status: "starting", channels: { telegram: "connecting" } });
    // An update before the bot is connected: 503, so Telegram delivers it again later.
    const early = await fetch(`http://127.0.0.1:${server.port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s" },
      body: JSON.stringify({ update_id: 1 }),
    });
    expect(early.status).toBe(503);
    await sleep(1_500);
    const attempts = lines(server.log()).filter(
      (l) => l.channel === "telegram" && l.setting === "TELEGRAM_API_ROOT",
    );
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(String(attempts[0]?.msg)).toContain("could not be reached");

    // The Bot API comes up on that port: the next attempt connects.
    const fake = new FakeTelegram();
    fakes.push(fake);
    await fake.start(port);
    await until(async () => (await health(server.port)).status === 200, {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    expect(await health(server.port)).toMatchObject({
      status: 200,
      body: { channels: { telegram: "connected" } },
    });
  });

  it("a token the Bot API refuses: the channel fails, naming TELEGRAM_BOT_TOKEN, and /healthz stays 503", async () => {
    const fake = new FakeTelegram();
    fakes.push(fake);
    const root = await fake.start();
    fake.failNext("getMe", 401, "Unauthorized");
    const env = freshEnv({
      RAPPORT_DEMO: "1",
      TELEGRAM_BOT_TOKEN: "123456:WRONG",
      TELEGRAM_WEBHOOK_SECRET: "s",
      TELEGRAM_API_ROOT: root,
    });
    const server = await serve(env, { ready: false });
    children.push(server.child);
    await until(() => server.log().includes("refused the token"), { timeoutMs: 5_000, intervalMs: 50 });
    const failed = lines(server.log()).find((l) => l.setting === "TELEGRAM_BOT_TOKEN");
    expect(failed?.level).toBe(50);
    expect(String(failed?.msg)).toContain("TELEGRAM_BOT_TOKEN: the Bot API refused the token (401)");
    expect(await health(server.port)).toMatchObject({
      status: 503,
      body: { channels: { telegram: "failed" } },
    });
    expect(fake.sent("getMe")).toHaveLength(1);
  });

  it("Slack: a refused token fails naming SLACK_BOT_TOKEN; an unreachable SLACK_API_URL is tried again per attempt", async () => {
    const slack = new FakeSlack();
    const url = await slack.start();
    slack.failNext("auth.test", "invalid_auth");
    const refused = await serve(
      freshEnv({
        RAPPORT_DEMO: "1",
        SLACK_BOT_TOKEN: "xoxb-wrong",
        SLACK_SIGNING_SECRET: "s",
        SLACK_API_URL: url,
      }),
      { ready: false },
    );
    children.push(refused.child);
    await until(() => refused.log().includes("refused the token"), { timeoutMs: 5_000, intervalMs: 50 });
    expect(lines(refused.log()).find((l) => l.setting === "SLACK_BOT_TOKEN")?.msg).toContain(
      "SLACK_BOT_TOKEN: Slack refused the token (invalid_auth)",
    );
    expect(await health(refused.port)).toMatchObject({
      status: 503,
      body: { channels: { slack: "failed" } },
    });
    await slack.stop();

    const port = await closedPort();
    const unreachable = await serve(
      freshEnv({
        RAPPORT_DEMO: "1",
        SLACK_BOT_TOKEN: "xoxb-x",
        SLACK_SIGNING_SECRET: "s",
        SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      }),
      { ready: false },
    );
    children.push(unreachable.child);
    await sleep(1_500);
    const attempts = lines(unreachable.log()).filter(
      (l) => l.channel === "slack" && l.setting === "SLACK_API_URL",
    );
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(await health(unreachable.port)).toMatchObject({
      status: 503,
      body: { channels: { slack: "connecting" } },
    });
  });
});
