import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BOT_USERNAME, FakeTelegram, type RecordedCall, unescapeHtml } from "../fakes/fake-telegram.js";
import { addTherapist, freshEnv, serve } from "../helpers/cli.js";
import { callbackUpdate, documentUpdate, pressUpdate, textUpdate } from "../helpers/telegram-updates.js";
import { sleep } from "../support/wait.js";

/**
 * `rapport serve` in a child process with the Telegram channel, talking to a fake Bot API on
 * loopback; updates are posted to /telegram as Telegram would.
 */
const SECRET = "test-secret_123";
const RIVERA = { id: 1001, is_bot: false, first_name: "Rivera", language_code: "en" };
const ALEX = { id: 2002, is_bot: false, first_name: "Alex", language_code: "en" };

let fake: FakeTelegram;
let apiRoot: string;

beforeAll(async () => {
  fake = new FakeTelegram();
  apiRoot = await fake.start();
});
afterAll(() => fake.stop());

/** The button labels of a sent message's inline keyboard, row by row. */
function buttons(sent: RecordedCall | undefined): string[][] {
  const markup = sent?.body.reply_markup as { inline_keyboard: { text: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
}

describe("Telegram through rapport serve (webhook)", () => {
  let server: { child: ChildProcess; port: number; log: () => string };
  let env: Record<string, string>;

  beforeEach(async () => {
    fake.calls.length = 0;
    env = freshEnv({
      TELEGRAM_BOT_TOKEN: "123456:TEST-token",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: apiRoot,
      RAPPORT_DEMO: "1",
    });
    server = await serve(env);
  });
  afterEach(() => {
    server.child.kill("SIGKILL");
  });

  async function post(update: Record<string, unknown>, secret = SECRET): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${server.port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    });
    await fake.webhookAnswer(await res.text());
    return res.status;
  }

  /** Posts an update and waits until the fake has received `count` more sendMessage calls. */
  async function say(update: Record<string, unknown>, count = 1): Promise<RecordedCall[]> {
    const before = fake.sent().length;
    expect(await post(update)).toBe(200);
    await fake.waitFor(() => fake.sent().length >= before + count);
    return fake.sent().slice(before);
  }

  const lastTo = (chatId: number) =>
    fake
      .sent()
      .filter((c) => c.body.chat_id === chatId)
      .at(-1);

  async function enrol(): Promise<void> {
    const link = await addTherapist(env, "Dr Rivera");
    await say(textUpdate(RIVERA, `link ${link}`));
    const [invite] = await say(textUpdate(RIVERA, "invite alex"));
    const code = /start (\S+)/.exec(String(invite?.body.text))?.[1];
    await say(textUpdate(ALEX, `/start ${code}`));
    await say(pressUpdate(ALEX, lastTo(ALEX.id), "yes"), 2);
  }

  it("drives invite, consent, check-in and summary with Telegram's own controls", async () => {
    const link = await addTherapist(env, "Dr Rivera");
    await say(textUpdate(RIVERA, `/link ${link}`));
    expect(unescapeHtml(String(lastTo(RIVERA.id)?.body.text))).toContain("You're linked as Dr Rivera");

    const [invite] = await say(textUpdate(RIVERA, "invite alex"));
    const text = String(invite?.body.text);
    const code = /start (\S+)/.exec(text)?.[1] ?? "";
    expect(text).toContain(`https://t.me/${BOT_USERNAME}?start=${code}`);

    const [consent] = await say(textUpdate(ALEX, `/start ${code}`));
    expect(consent?.body.parse_mode).toBe("HTML");
    expect(String(consent?.body.text)).toContain("not a crisis service");
    expect(buttons(consent).flat()).toEqual(["Yes, I agree", "No, thanks"]);

    await say(pressUpdate(ALEX, consent, "yes"), 2);
    await fake.waitFor(
      () => fake.sent("answerCallbackQuery").length === 1 && fake.sent("editMessageText").length === 1,
    );
    expect(unescapeHtml(String(fake.sent("editMessageText")[0]?.body.text))).toContain(
      "Your answer: Yes, I agree",
    );
    expect(fake.sent("editMessageText")[0]?.body.reply_markup).toBeUndefined();

    await say(textUpdate(RIVERA, "checkin alex"), 3);
    const first = lastTo(ALEX.id);
    expect(buttons(first)).toEqual([
      ["0", "1", "2", "3", "4", "5"],
      ["6", "7", "8", "9", "10"],
    ]);

    const values = ["9", "8", "10", "9", "5", "6", "4", "5"];
    for (const value of values) await say(pressUpdate(ALEX, lastTo(ALEX.id), value));
    await say(pressUpdate(ALEX, lastTo(ALEX.id), "0"));
    const comment = "Hard week <3 & *tired* of_it";
    await say(textUpdate(ALEX, comment), 2);
    await fake.waitFor(() => fake.textsTo(RIVERA.id).some((t) => t.startsWith("alex, check-in 1 ·")));

    const summary = fake.textsTo(RIVERA.id).find((t) => t.startsWith("alex, check-in 1 ·")) ?? "";
    expect(summary).toContain("Alliance 36/40");
    expect(summary).toContain("Progress 20/40");
    expect(summary).toContain(`Comment: ${comment}`);
    const edits = fake.sent("editMessageText").map((c) => unescapeHtml(String(c.body.text)));
    expect(edits.filter((t) => t.includes("Your answer:"))).toHaveLength(10);
    expect(edits.some((t) => t.includes("1/9.") && t.endsWith("Your answer: 9"))).toBe(true);
    expect(fake.sent("answerCallbackQuery")).toHaveLength(10);
    // Each press was acknowledged in the webhook's own HTTP answer, not by a request of its own.
    expect(fake.sent("answerCallbackQuery").every((c) => c.viaWebhookAnswer)).toBe(true);

    // A press on an old keyboard changes nothing and says why in the callback answer.
    const question1 = fake.sent().find((c) => String(c.body.text).includes("1/9."));
    expect(await post(pressUpdate(ALEX, question1, "2"))).toBe(200);
    await fake.waitFor(() => fake.sent("answerCallbackQuery").length === 11);
    expect(String(fake.sent("answerCallbackQuery")[10]?.body.text)).toContain("already answered");
  });

  it("rejects a wrong or missing secret with 401 and processes nothing", async () => {
    const update = textUpdate(ALEX, "hello");
    expect(await post(update, "wrong")).toBe(401);
    expect(await post(update, "")).toBe(401);
    await sleep(300);
    expect(fake.sent()).toHaveLength(0);
    // The same update with the right secret is new to rapport: nothing of it was recorded.
    await say(update);
  });

  it("processes a redelivered update once", async () => {
    const update = textUpdate(ALEX, "hello");
    await say(update);
    expect(await post(update)).toBe(200);
    expect(await post(update)).toBe(200);
    await sleep(500);
    expect(fake.sent()).toHaveLength(1);
  });

  it("answers malformed and oversized requests with 400, 415 and 413", async () => {
    const url = `http://127.0.0.1:${server.port}/telegram`;
    const headers = { "x-telegram-bot-api-secret-token": SECRET };
    const bad = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: "{",
    });
    expect(bad.status).toBe(400);
    const type = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "text/plain" },
      body: "{}",
    });
    expect(type.status).toBe(415);
    const big = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ update_id: 1, pad: "x".repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
  });

  it("answers the webhook while sending is still held up, because sending goes through the outbox", async () => {
    const release = fake.hold("sendMessage");
    try {
      expect(await post(textUpdate(ALEX, "hello"))).toBe(200);
      expect(fake.sent().every((c) => c.result === undefined)).toBe(true);
    } finally {
      release();
    }
    await fake.waitFor(() => fake.sent().some((c) => c.result !== undefined));
  });

  it("waits out a 429 with retry_after and delivers the message once", async () => {
    fake.failNext("sendMessage", 429, "Too Many Requests: retry after 1", { retry_after: 1 });
    expect(await post(textUpdate(ALEX, "hello"))).toBe(200);
    await fake.waitFor(() => fake.sent().filter((c) => c.result !== undefined).length === 1);
    const [refused, delivered] = fake.sent();
    expect(refused?.result).toBeUndefined();
    expect((delivered?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    await sleep(300);
    expect(fake.sent().filter((c) => c.result !== undefined)).toHaveLength(1);
  });

  it('sends an urgent alert with an "I\'ve seen this" button that acknowledges it', async () => {
    await enrol();
    await say(textUpdate(ALEX, "sometimes I want to die"), 3);
    const crisis = fake
      .sent()
      .find((c) => c.body.chat_id === ALEX.id && String(c.body.text).includes("Thank you for telling me"));
    expect(String(crisis?.body.text)).toMatch(/^<b>⚠️<\/b> /);
    const urgent = fake
      .sent()
      .find((c) => c.body.chat_id === RIVERA.id && String(c.body.text).includes("URGENT"));
    expect(buttons(urgent)).toEqual([["I've seen this"]]);
    const value = /seen \d+/.exec(JSON.stringify(urgent?.body.reply_markup))?.[0] ?? "";
    await say(pressUpdate(RIVERA, urgent, value));
    expect(fake.textsTo(RIVERA.id).at(-1)).toBe("Alert 1 about alex marked as seen. Thank you.");
    await fake.waitFor(() => fake.sent("answerCallbackQuery").length === 2);
  });

  it("takes a paused client's words in a group down the risk path privately", async () => {
    await enrol();
    await say(textUpdate(ALEX, "stop"), 2);
    const group = textUpdate(ALEX, "honestly i keep thinking about ending things");
    const msg = group.message as Record<string, unknown>;
    msg.chat = { id: -500, title: "Family", type: "group" };
    const sent = await say(group, 4);
    expect(fake.textsTo(-500)).toEqual([
      "I only talk about check-ins in a private chat. Please write to me directly.",
    ]);
    const toAlex = sent.filter((c) => c.body.chat_id === ALEX.id).map((c) => String(c.body.text));
    expect(toAlex[0]).toContain("Thank you for telling me");
    expect(toAlex[1]).toBe("I'm glad you told me. You can write to me again whenever you want.");
    const urgent = sent.find((c) => c.body.chat_id === RIVERA.id);
    expect(unescapeHtml(String(urgent?.body.text))).toContain(
      '"honestly i keep thinking about ending things" (matched: "ending things")',
    );
  });

  it("asks the safety question about a concern with buttons, and a Yes press is a disclosure", async () => {
    await enrol();
    const [ask] = await say(textUpdate(ALEX, "i dont see the point anymore"));
    expect(buttons(ask)).toEqual([["No", "Yes"]]);
    const sent = await say(pressUpdate(ALEX, ask, "1"), 3);
    expect(
      sent.some(
        (c) => c.body.chat_id === ALEX.id && String(c.body.text).includes("Thank you for telling me"),
      ),
    ).toBe(true);
    const urgent = sent.find((c) => c.body.chat_id === RIVERA.id);
    expect(unescapeHtml(String(urgent?.body.text))).toContain(
      'answered yes to the safety question (thoughts of harming themselves or ending their life) after writing "i dont see the point anymore"',
    );
  });

  it("treats 403 as unreachable: stops sending there and tells the therapist once", async () => {
    await enrol();
    fake.block(ALEX.id);
    await say(textUpdate(RIVERA, "checkin alex"), 2);
    await fake.waitFor(() =>
      fake.textsTo(RIVERA.id).some((t) => t.includes("can no longer be reached on telegram")),
    );
    const [again] = await say(textUpdate(RIVERA, "checkin alex"));
    expect(unescapeHtml(String(again?.body.text))).toContain("alex can't be reached at the moment");
    await sleep(300);
    expect(fake.textsTo(RIVERA.id).filter((t) => t.includes("can no longer be reached"))).toHaveLength(1);
  });
});

describe("Telegram through rapport serve (long polling)", () => {
  it("takes updates from getUpdates with allowed_updates set and answers them", async () => {
    fake.calls.length = 0;
    const env = freshEnv({
      TELEGRAM_BOT_TOKEN: "123456:TEST-token",
      TELEGRAM_API_ROOT: apiRoot,
      RAPPORT_DEMO: "1",
    });
    const server = await serve(env);
    try {
      fake.queueUpdate(textUpdate({ ...ALEX, id: 3003 }, "hello"));
      await fake.waitFor(() => fake.textsTo(3003).length === 1);
      expect(fake.textsTo(3003)[0]).toContain("start CODE");
      const poll = fake.calls.find((c) => c.method === "getUpdates");
      expect(poll?.body.allowed_updates).toEqual(["message", "callback_query"]);
      expect(fake.calls.some((c) => c.method === "deleteWebhook")).toBe(true);
      // Without a webhook, a button press is acknowledged by a request of its own.
      const stale = callbackUpdate(3003, "stale", 1);
      fake.queueUpdate(stale);
      await fake.waitFor(() => fake.sent("answerCallbackQuery").length === 1);
      expect(fake.sent("answerCallbackQuery")[0]?.body.callback_query_id).toBe(
        (stale.callback_query as { id: string }).id,
      );
      expect(fake.sent("answerCallbackQuery")[0]?.viaWebhookAnswer).toBeUndefined();
      // A file is a message too: a stranger who sends one is answered like one who writes.
      fake.queueUpdate(documentUpdate(3004, { name: "notes.pdf", caption: "hello" }));
      await fake.waitFor(() => fake.textsTo(3004).length === 1);
      expect(fake.textsTo(3004)[0]).toContain("start CODE");
    } finally {
      server.child.kill("SIGKILL");
    }
  });
});

describe("Telegram languages", () => {
  it("answers in the language of the user's language_code where prompts exist, else in the clinic's", async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const prompts = mkdtempSync(join(tmpdir(), "rapport-prompts-"));
    const shipped = new URL("../../prompts/en", import.meta.url).pathname;
    cpSync(shipped, join(prompts, "en"), { recursive: true });
    cpSync(shipped, join(prompts, "de"), { recursive: true });
    for (const file of readdirSync(join(prompts, "de"))) {
      const path = join(prompts, "de", file);
      writeFileSync(path, readFileSync(path, "utf8").replace(/^language: en$/m, "language: de"));
    }
    const messages = join(prompts, "de", "messages.yaml");
    writeFileSync(
      messages,
      readFileSync(messages, "utf8").replace(
        /^ {2}unknown_sender: \|-\n.*$/m,
        '  unknown_sender: "Hallo, ich bin rapport. Wenn Sie einen Code haben, schreiben Sie: start CODE"',
      ),
    );
    fake.calls.length = 0;
    const env = freshEnv({
      TELEGRAM_BOT_TOKEN: "123456:TEST-token",
      TELEGRAM_API_ROOT: apiRoot,
      RAPPORT_DEMO: "1",
      RAPPORT_PROMPTS: prompts,
    });
    const server = await serve(env);
    try {
      fake.queueUpdate(textUpdate({ ...ALEX, id: 4004, language_code: "de-AT" }, "hallo"));
      fake.queueUpdate(textUpdate({ ...ALEX, id: 5005, language_code: "fr" }, "bonjour"));
      await fake.waitFor(() => fake.textsTo(4004).length === 1 && fake.textsTo(5005).length === 1);
      expect(fake.textsTo(4004)[0]).toContain("Hallo, ich bin rapport");
      expect(fake.textsTo(5005)[0]).toContain("Hello, I'm rapport");
    } finally {
      server.child.kill("SIGKILL");
    }
  });
});
