import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack, sign } from "../fakes/fake-slack.js";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { addTherapist, freshEnv, serve } from "../helpers/cli.js";
import { textUpdate } from "../helpers/telegram-updates.js";

/**
 * `mydata` through a running server: the readable message in the chat, and the JSON as a file
 * where the platform takes one from a bot (Telegram sendDocument, Slack files.uploadV2).
 */
const TG_SECRET = "tg-secret";
const SLACK_SECRET = "slack-signing-secret";
const THERAPIST = 735917401;
const TG_CLIENT = 735917402;
const SLACK_CLIENT = "U0CLIENT7";
let telegram: FakeTelegram;
let slack: FakeSlack;
let server: { child: ChildProcess; port: number };
let env: Record<string, string>;
/** Slack event ids. */
let id = 1;

beforeAll(async () => {
  telegram = new FakeTelegram();
  slack = new FakeSlack();
  const [tgRoot, slackUrl] = await Promise.all([telegram.start(), slack.start()]);
  env = freshEnv({
    RAPPORT_DEMO: "1",
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
  server.child.kill("SIGKILL");
  await Promise.all([telegram.stop(), slack.stop()]);
});

async function post(path: string, body: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { method: "POST", headers, body });
  await res.arrayBuffer();
  expect(res.status).toBe(200);
}

async function tg(from: number, text: string): Promise<void> {
  await post("/telegram", JSON.stringify(textUpdate(from, text)), {
    "content-type": "application/json",
    "x-telegram-bot-api-secret-token": TG_SECRET,
  });
}

async function sl(user: string, text: string): Promise<void> {
  id++;
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    api_app_id: "A1",
    event_id: `EvMy${id}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "message",
      channel_type: "im",
      channel: `D${user.slice(1)}`,
      user,
      text,
      ts: `1700000200.${id}`,
    },
  });
  const ts = Math.floor(Date.now() / 1000);
  await post("/slack/events", body, {
    "content-type": "application/json",
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": sign(SLACK_SECRET, ts, body),
  });
}

describe("mydata as a file", () => {
  it("Telegram: the readable message, then the JSON as a document", async () => {
    const link = await addTherapist(env, "Dr Rivera");
    await tg(THERAPIST, `link ${link}`);
    await tg(THERAPIST, "invite sam");
    await tg(THERAPIST, "invite kim");
    await telegram.waitFor(() => telegram.textsTo(THERAPIST).length === 3);
    const [sam, kim] = telegram
      .textsTo(THERAPIST)
      .slice(1)
      .map((t) => /start (\S+)/.exec(t)?.[1]);
    await tg(TG_CLIENT, `/start ${sam}`);
    await tg(TG_CLIENT, "yes");
    await tg(TG_CLIENT, "my data");
    await telegram.waitFor(() => telegram.sent("sendDocument").length === 1);
    expect(
      telegram.textsTo(TG_CLIENT).some((t) => t.includes("Name here: sam. Your therapist: Dr Rivera")),
    ).toBe(true);
    const doc = telegram.sent("sendDocument")[0]?.body ?? {};
    expect(Number(doc.chat_id)).toBe(TG_CLIENT);
    expect(doc.caption).toContain("attached file (JSON)");
    const file = doc.document as { name: string; content: string };
    expect(file.name).toBe("rapport-my-data.json");
    expect(JSON.parse(file.content).alias).toBe("sam");

    // Slack: the same through files.uploadV2 into the client's direct message.
    await sl(SLACK_CLIENT, `start ${kim}`);
    await sl(SLACK_CLIENT, "yes");
    await sl(SLACK_CLIENT, "mydata");
    await slack.waitFor(() =>
      slack.calls.some((c) => c.method === "files.completeUploadExternal" && c.result),
    );
    const complete = slack.calls.find((c) => c.method === "files.completeUploadExternal");
    expect(complete?.params.channel_id).toBe(`D${SLACK_CLIENT.slice(1)}`);
    expect(String(complete?.params.initial_comment)).toContain("attached file (JSON)");
    const [uploaded] = [...slack.uploads.values()];
    expect(JSON.parse(uploaded ?? "{}").alias).toBe("kim");
    expect(slack.textsTo(`D${SLACK_CLIENT.slice(1)}`).some((t) => t.includes("Name here: kim."))).toBe(true);
  });
});
