import type { ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeConnector } from "../fakes/fake-connector.js";
import { FakeSlack, sign } from "../fakes/fake-slack.js";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { addTherapist, freshEnv, serve } from "../helpers/cli.js";
import { textUpdate } from "../helpers/telegram-updates.js";
import { sleep, waitFor } from "../support/wait.js";

/**
 * Hostile input through the real HTTP server, for every channel at once: forged or replayed
 * requests, oversized, truncated, wrongly typed and deeply nested bodies. The process must stay
 * up, keep nothing from the rejected requests, and still serve a legitimate client afterwards.
 */
const TG_SECRET = "tg-secret";
const SLACK_SECRET = "slack-signing-secret";
let telegram: FakeTelegram;
let slack: FakeSlack;
let connector: FakeConnector;
let server: { child: ChildProcess; port: number; log: () => string };
let env: Record<string, string>;

beforeAll(async () => {
  telegram = new FakeTelegram();
  slack = new FakeSlack();
  connector = new FakeConnector();
  const [tgRoot, slackUrl] = await Promise.all([telegram.start(), slack.start(), connector.start()]);
  env = freshEnv({
    RAPPORT_DEMO: "1",
    TELEGRAM_BOT_TOKEN: "123456:TEST-token",
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tgRoot ?? "",
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: slackUrl ?? "",
    TEAMS_NO_AUTH: "1",
    LOG_LEVEL: "debug",
  });
  server = await serve(env);
});
afterAll(async () => {
  server.child.kill("SIGKILL");
  await Promise.all([telegram.stop(), slack.stop(), connector.stop()]);
});

async function post(path: string, body: string | Buffer, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { method: "POST", headers, body });
  await res.arrayBuffer();
  return res.status;
}

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const now = () => Math.floor(Date.now() / 1000);
const slackHeaders = (body: string, timestamp = now(), type = "application/json") => ({
  "content-type": type,
  "x-slack-request-timestamp": String(timestamp),
  "x-slack-signature": sign(SLACK_SECRET, timestamp, body),
});
const tgHeaders = { "content-type": "application/json", "x-telegram-bot-api-secret-token": TG_SECRET };
const teamsHeaders = { "content-type": "application/json" };

describe("hostile input, every channel", () => {
  it("rejects forged, replayed, oversized, truncated, mistyped and nested requests, and stays up with nothing stored", async () => {
    const update = (text: string) => JSON.stringify(textUpdate(5, text, 1));
    const slackEvent = JSON.stringify({
      type: "event_callback",
      event_id: "EvHostile",
      event: { type: "message", channel_type: "im", user: "U1", text: "hi", channel: "D1", ts: "1.1" },
    });
    const big = "x".repeat(1_100_000);
    const cases: [string, Promise<number>, number[]][] = [
      [
        "telegram forged secret",
        post("/telegram", update("hi"), { ...tgHeaders, "x-telegram-bot-api-secret-token": "nope" }),
        [401],
      ],
      ["telegram no secret", post("/telegram", update("hi"), { "content-type": "application/json" }), [401]],
      ["telegram oversized", post("/telegram", JSON.stringify({ update_id: 2, big }), tgHeaders), [413]],
      ["telegram truncated", post("/telegram", update("hi").slice(0, 40), tgHeaders), [400]],
      [
        "telegram wrong type",
        post("/telegram", update("hi"), { ...tgHeaders, "content-type": "text/plain" }),
        [415],
      ],
      ["telegram nested", post("/telegram", nested(50_000), tgHeaders), [400]],
      ["telegram not an update", post("/telegram", JSON.stringify({ hello: "world" }), tgHeaders), [400]],
      [
        "slack forged",
        post("/slack/events", slackEvent, { ...slackHeaders(slackEvent), "x-slack-signature": "v0=00" }),
        [401],
      ],
      ["slack replayed", post("/slack/events", slackEvent, slackHeaders(slackEvent, now() - 600)), [401]],
      ["slack oversized", post("/slack/events", `{"a":"${big}"}`, slackHeaders(`{"a":"${big}"}`)), [413]],
      [
        "slack truncated",
        post("/slack/events", slackEvent.slice(0, 30), slackHeaders(slackEvent.slice(0, 30))),
        [400],
      ],
      // Signed but meaningless: Bolt parses it, nothing handles it, and it answers 404.
      ["slack nested", post("/slack/events", nested(50_000), slackHeaders(nested(50_000))), [400, 404]],
      [
        "teams oversized",
        post("/api/messages", JSON.stringify({ type: "message", big }), teamsHeaders),
        [413],
      ],
      ["teams truncated", post("/api/messages", '{"type":"mess', teamsHeaders), [400]],
      ["teams wrong type", post("/api/messages", "{}", { "content-type": "text/plain" }), [415]],
      ["teams nested", post("/api/messages", nested(50_000), teamsHeaders), [400]],
      ["teams no activity type", post("/api/messages", JSON.stringify({ text: "hi" }), teamsHeaders), [400]],
    ];
    for (const [name, status, expected] of cases) expect(expected, name).toContain(await status);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    const db = new Database(env.RAPPORT_DB ?? "", { readonly: true });
    for (const table of ["inbound_events", "people", "identities", "outbox"]) {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
    }
    db.close();
  });

  it("keeps long texts, control characters and right-to-left marks from doing harm, and a real check-in still works", async () => {
    const THERAPIST_ID = 735917264;
    const CLIENT_ID = 735917265;
    const link = await addTherapist(env, "Dr Rivera");
    const say = async (from: number, text: string) => {
      expect(await post("/telegram", JSON.stringify(textUpdate(from, text)), tgHeaders)).toBe(200);
    };
    await say(THERAPIST_ID, `link ${link}`);
    await say(THERAPIST_ID, "invite al\u202Eex");
    await say(THERAPIST_ID, "invite al\u0000ex");
    await say(THERAPIST_ID, "invite alex");
    await telegram.waitFor(() => telegram.textsTo(THERAPIST_ID).length === 4);
    expect(
      telegram
        .textsTo(THERAPIST_ID)
        .slice(1, 3)
        .every((t) => t.startsWith("An alias is")),
    ).toBe(true);
    const code = /start (\S+)/.exec(telegram.textsTo(THERAPIST_ID)[3] ?? "")?.[1];
    await say(CLIENT_ID, `/start ${code}`);
    await say(CLIENT_ID, "yes");
    await say(THERAPIST_ID, "checkin alex");
    await telegram.waitFor(() => telegram.textsTo(CLIENT_ID).some((t) => t.includes("1/9.")));
    await say(CLIENT_ID, "9".repeat(50_000));
    await say(CLIENT_ID, "\u0007\u001b[31m7");
    for (const v of ["9", "9", "9", "9", "6", "6", "6", "6", "no"]) await say(CLIENT_ID, v);
    await say(CLIENT_ID, "Comment with \u202E right-to-left \u0000 and control characters <b>&amp;");
    await telegram.waitFor(
      () => telegram.textsTo(THERAPIST_ID).some((t) => t.startsWith("alex, check-in 1 ·")),
      20_000,
    );
    const summary = telegram.textsTo(THERAPIST_ID).find((t) => t.startsWith("alex, check-in 1 ·")) ?? "";
    expect(summary).toContain("Alliance 36/40");
    expect(summary).toContain("right-to-left");
    expect(server.child.exitCode).toBeNull();
    // Every log line of the run, at debug level: no text, answer, comment, alias, name or platform id.
    const log = server.log();
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [
      "alex",
      "Rivera",
      "right-to-left",
      String(THERAPIST_ID),
      String(CLIENT_ID),
      code ?? "no-code",
      "Comment with",
    ]) {
      expect(log.includes(secret), secret).toBe(false);
    }
  });

  it("answers a stranger's flood of 100 messages once, storing one inbound row and no outbox row once the reply is sent", async () => {
    const STRANGER = 735917299;
    const db = new Database(env.RAPPORT_DB ?? "", { readonly: true });
    const rows = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = { inbound: rows("inbound_events"), outbox: rows("outbox") };
    const message = (i: number) => JSON.stringify(textUpdate(STRANGER, `hello ${i}`, 50_000 + i));
    // In bursts of 20 at once, as a flood arrives: every one acknowledged with 200.
    for (let burst = 0; burst < 5; burst++) {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, k) => post("/telegram", message(burst * 20 + k), tgHeaders)),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    await telegram.waitFor(() => telegram.textsTo(STRANGER).length === 1);
    await sleep(500);
    expect(telegram.textsTo(STRANGER)).toHaveLength(1);
    expect(telegram.textsTo(STRANGER)[0]).toContain("start CODE");
    expect(rows("inbound_events") - before.inbound).toBe(1);
    // One reply, and its row, addressed to no person, is deleted once sent: nothing of the
    // stranger is kept, and nothing of the flood ever reached the outbox.
    await waitFor(() => rows("outbox") === before.outbox, {
      failure: () => `outbox rows: ${rows("outbox") - before.outbox} more than before`,
    });
    db.close();
    expect(server.child.exitCode).toBeNull();
  });
});
