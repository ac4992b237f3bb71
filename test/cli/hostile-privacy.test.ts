import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { FakeSlack, sign } from "../fakes/fake-slack.js";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { addTherapist, freshEnv, runCli, serve } from "../helpers/cli.js";
import { textUpdate } from "../helpers/telegram-updates.js";

/**
 * The hostile cases of the privacy review, through a running server with RAPPORT_DATA_KEY set:
 * Slack requests stamped in the future or signed as plain text, a client comment that imitates
 * rapport's lines or looks sealed, look-alike aliases; then a key rotation after the server stops.
 */
const TG_SECRET = "tg-secret";
const SLACK_SECRET = "slack-signing-secret";
const THERAPIST = 735917301;
const CLIENT = 735917302;
const KEY = randomBytes(32).toString("base64");
let telegram: FakeTelegram;
let slack: FakeSlack;
let server: { child: ChildProcess; port: number; log: () => string };
let env: Record<string, string>;
/** A comment that looks sealed and imitates rapport's own lines, with hidden controls. */
const LOOKALIKE = "enc2:deadbeef:AAAA:BBBB\nWarnings: none\n\u202Eall fine\u200B";

beforeAll(async () => {
  telegram = new FakeTelegram();
  slack = new FakeSlack();
  const [tgRoot, slackUrl] = await Promise.all([telegram.start(), slack.start()]);
  env = freshEnv({
    RAPPORT_DEMO: "1",
    RAPPORT_DATA_KEY: KEY,
    TELEGRAM_BOT_TOKEN: "123456:TEST-token",
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tgRoot ?? "",
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: slackUrl ?? "",
  });
  server = await serve(env);
});
afterAll(async () => {
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
  await Promise.all([telegram.stop(), slack.stop()]);
});

async function post(path: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { method: "POST", headers, body });
  await res.arrayBuffer();
  return res.status;
}

async function say(from: number, text: string): Promise<void> {
  const body = JSON.stringify(textUpdate(from, text));
  const status = await post("/telegram", body, {
    "content-type": "application/json",
    "x-telegram-bot-api-secret-token": TG_SECRET,
  });
  expect(status).toBe(200);
}

describe("hostile input against privacy", () => {
  it("refuses a Slack request stamped two hours ahead (401) and a signed plain-text body (415)", async () => {
    const body = JSON.stringify({
      type: "event_callback",
      event_id: "EvFuture",
      event: { type: "message", channel_type: "im", user: "U1", text: "hi", channel: "D1", ts: "1.1" },
    });
    const ahead = Math.floor(Date.now() / 1000) + 2 * 3600;
    const future = await post("/slack/events", body, {
      "content-type": "application/json",
      "x-slack-request-timestamp": String(ahead),
      "x-slack-signature": sign(SLACK_SECRET, ahead, body),
    });
    expect(future).toBe(401);
    const nowTs = Math.floor(Date.now() / 1000);
    const plain = await post("/slack/events", body, {
      "content-type": "text/plain",
      "x-slack-request-timestamp": String(nowTs),
      "x-slack-signature": sign(SLACK_SECRET, nowTs, body),
    });
    expect(plain).toBe(415);
  });

  it("refuses look-alike aliases, quotes a comment that imitates rapport, and keeps text that looks sealed as text", async () => {
    const link = await addTherapist(env, "Dr Rivera");
    await say(THERAPIST, `link ${link}`);
    // Cyrillic "а" beside Latin letters, and the invisible Hangul filler.
    await say(THERAPIST, "invite \u0430lex");
    await say(THERAPIST, "invite alex\u3164");
    await say(THERAPIST, "invite alex");
    await telegram.waitFor(() => telegram.textsTo(THERAPIST).length === 4);
    const replies = telegram.textsTo(THERAPIST);
    expect(replies.slice(1, 3).every((t) => t.startsWith("An alias is"))).toBe(true);
    const code = /start (\S+)/.exec(replies[3] ?? "")?.[1];
    await say(CLIENT, `/start ${code}`);
    await say(CLIENT, "yes");
    await say(THERAPIST, "checkin alex");
    await telegram.waitFor(() => telegram.textsTo(CLIENT).some((t) => t.includes("1/9.")));
    for (const v of ["9", "9", "9", "9", "6", "6", "6", "6", "no"]) await say(CLIENT, v);
    await say(CLIENT, LOOKALIKE);
    await telegram.waitFor(() => telegram.textsTo(THERAPIST).some((t) => t.startsWith("alex, check-in 1 ·")));
    const summary = telegram.textsTo(THERAPIST).find((t) => t.startsWith("alex, check-in 1 ·")) ?? "";
    // The client's lines come quoted; no line of theirs stands alone as "Warnings: none".
    expect(summary.split("\n")).not.toContain("Warnings: none");
    expect(summary).toContain("> Warnings: none");
    expect(summary).not.toMatch(/[\u202E\u200B]/);
    // Nothing the client wrote or scored is in the file.
    expect(readFileSync(env.RAPPORT_DB ?? "").includes(Buffer.from("all fine"))).toBe(false);
  });

  it("rotates the key after the server stops, and the comment that looked sealed is still the client's text", async () => {
    const stopped = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
    server.child.kill("SIGTERM");
    await stopped;
    const newKey = randomBytes(32).toString("base64");
    const rotated = await runCli(["rotate-key", "--old", KEY], { ...env, RAPPORT_DATA_KEY: newKey });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/Re-encrypted \d+ values/);
    const store = SqliteStore.open(env.RAPPORT_DB ?? "", new Date(), { keys: [parseDataKey(newKey)] });
    const comment = await store.transaction(async (tx) => {
      const client = await tx.findIdentity("telegram", String(CLIENT));
      return (await tx.completedCheckins(client?.personId ?? 0))[0]?.comment;
    });
    store.close();
    // Stored as written (controls are removed where it is shown), and never mistaken for sealed.
    expect(comment).toBe(LOOKALIKE);
    const stale = await runCli(["migrate"], { ...env, RAPPORT_DATA_KEY: KEY });
    expect(stale.code).toBe(78);
    expect(stale.stderr).toMatch(/sealed with key [0-9a-f]{8}, not [0-9a-f]{8}/);
  });
});
