import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buttonsOf, FakeSlack, plainText, type SlackCall, sign } from "../fakes/fake-slack.js";
import { addTherapist, freshEnv, serve } from "../helpers/cli.js";
import { sleep } from "../support/wait.js";

/**
 * `rapport serve` in a child process with the Slack channel: signed events and button presses
 * are posted to /slack/events, and the Web API is a fake on loopback.
 */
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const RIVERA = "URIVERA1";
const ALEX = "UALEX001";
const dm = (user: string) => `D${user.slice(1)}`;

let fake: FakeSlack;
let apiUrl: string;
let counter = 0;

beforeAll(async () => {
  fake = new FakeSlack();
  apiUrl = await fake.start();
});
afterAll(() => fake.stop());

function messageEvent(user: string, text: string): { body: string; type: string } {
  counter++;
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: `Ev${String(counter).padStart(8, "0")}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "message",
      channel_type: "im",
      channel: dm(user),
      user,
      text,
      ts: `1700000100.${counter}`,
      event_ts: `1700000100.${counter}`,
    },
  });
  return { body, type: "application/json" };
}

function pressEvent(
  user: string,
  sent: SlackCall | undefined,
  value: string,
): { body: string; type: string } {
  if (!sent) throw new Error("nothing to press on");
  const button = buttonsOf(sent.params).find((b) => b.value.endsWith(`|${value}`));
  if (!button) throw new Error(`no button ${value}`);
  counter++;
  const payload = {
    type: "block_actions",
    user: { id: user, username: "u", name: "u", team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    container: {
      type: "message",
      message_ts: String(sent.result?.ts),
      channel_id: String(sent.params.channel),
      is_ephemeral: false,
    },
    trigger_id: `trigger.${counter}`,
    team: { id: "T1", domain: "test" },
    channel: { id: String(sent.params.channel), name: "directmessage" },
    actions: [
      {
        action_id: "rapport_choice_0",
        block_id: "rapport_choices",
        value: button.value,
        type: "button",
        action_ts: `1700000200.${counter}`,
      },
    ],
  };
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    type: "application/x-www-form-urlencoded",
  };
}

describe("Slack through rapport serve (signed HTTP events)", () => {
  let server: { child: ChildProcess; port: number; log: () => string };
  let env: Record<string, string>;

  beforeEach(async () => {
    fake.calls.length = 0;
    env = freshEnv({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      RAPPORT_DEMO: "1",
    });
    server = await serve(env);
  });
  afterEach(() => {
    server.child.kill("SIGKILL");
  });

  async function post(
    request: { body: string; type: string },
    options: { timestamp?: number; signature?: string; retry?: number } = {},
  ): Promise<{ status: number; text: string }> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": request.type,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? sign(SECRET, timestamp, request.body),
    };
    if (options.retry !== undefined) {
      headers["x-slack-retry-num"] = String(options.retry);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const res = await fetch(`http://127.0.0.1:${server.port}/slack/events`, {
      method: "POST",
      headers,
      body: request.body,
    });
    return { status: res.status, text: await res.text() };
  }

  async function say(request: { body: string; type: string }, count = 1): Promise<SlackCall[]> {
    const before = fake.posted().length;
    expect((await post(request)).status).toBe(200);
    await fake.waitFor(() => fake.posted().length >= before + count);
    return fake.posted().slice(before);
  }

  const lastTo = (user: string) =>
    fake
      .posted()
      .filter((c) => c.params.channel === dm(user))
      .at(-1);

  it("answers Slack's url_verification challenge", async () => {
    const body = JSON.stringify({
      token: "legacy",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const res = await post({ body, type: "application/json" });
    expect(res.status).toBe(200);
    expect(res.text).toContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  });

  it("drives invite, consent, check-in and summary with Block Kit buttons", async () => {
    const link = await addTherapist(env, "Dr Rivera");
    const [linked] = await say(messageEvent(RIVERA, `link ${link}`));
    expect(plainText(linked?.params ?? {})).toContain("You're linked as Dr Rivera");
    const [invite] = await say(messageEvent(RIVERA, "/invite alex"));
    const code = /start (\S+)/.exec(plainText(invite?.params ?? {}))?.[1];

    const [consent] = await say(messageEvent(ALEX, `start ${code}`));
    expect(buttonsOf(consent?.params ?? {}).map((b) => b.label)).toEqual(["Yes, I agree", "No, thanks"]);
    await say(pressEvent(ALEX, consent, "yes"), 2);
    const update = fake.calls.find((c) => c.method === "chat.update");
    expect(plainText(update?.params ?? {})).toContain("Your answer: Yes, I agree");
    expect(buttonsOf(update?.params ?? {})).toEqual([]);

    await say(messageEvent(RIVERA, "checkin alex"), 3);
    expect(buttonsOf(lastTo(ALEX)?.params ?? {}).map((b) => b.label)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    for (const value of ["9", "8", "10", "9", "5", "6", "4", "5", "0"])
      await say(pressEvent(ALEX, lastTo(ALEX), value));
    const comment = "Hard week <3 & *tired* of_it";
    await say(messageEvent(ALEX, comment), 2);
    await fake.waitFor(() => fake.textsTo(dm(RIVERA)).some((t) => t.startsWith("alex, check-in 1 ·")));
    const summary = fake.textsTo(dm(RIVERA)).find((t) => t.startsWith("alex, check-in 1 ·")) ?? "";
    expect(summary).toContain("Alliance 36/40");
    expect(summary).toContain("Progress 20/40");
    expect(summary).toContain(`Comment: ${comment}`);
    expect(fake.calls.filter((c) => c.method === "chat.update")).toHaveLength(10);
    // users.info was asked for the locale and time zone, once per person.
    const infos = fake.calls.filter((c) => c.method === "users.info").map((c) => c.params.user);
    expect(new Set(infos)).toEqual(new Set([RIVERA, ALEX]));
    expect(infos).toHaveLength(2);
  });

  it("rejects a missing or wrong signature and an old timestamp with 401, processing nothing", async () => {
    const request = messageEvent(ALEX, "hello");
    expect((await post(request, { signature: "v0=deadbeef" })).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post(request, { timestamp: old })).status).toBe(401);
    // Signed, but two hours ahead: refused too, as is a signed body of a type Slack never sends.
    const ahead = Math.floor(Date.now() / 1000) + 2 * 60 * 60;
    expect((await post(request, { timestamp: ahead })).status).toBe(401);
    expect((await post({ ...request, type: "text/plain" })).status).toBe(415);
    const res = await fetch(`http://127.0.0.1:${server.port}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: request.body,
    });
    expect(res.status).toBe(401);
    await sleep(300);
    expect(fake.posted()).toHaveLength(0);
    await say(request);
  });

  it("processes a retried event once", async () => {
    const request = messageEvent(ALEX, "hello");
    await say(request);
    expect((await post(request, { retry: 1 })).status).toBe(200);
    expect((await post(request, { retry: 2 })).status).toBe(200);
    await sleep(500);
    expect(fake.posted()).toHaveLength(1);
  });

  it("honours a 429's Retry-After and posts the message once", async () => {
    fake.rateLimitNext("chat.postMessage", 1);
    expect((await post(messageEvent(ALEX, "hello"))).status).toBe(200);
    await fake.waitFor(() => fake.posted().length === 1);
    const attempts = fake.calls.filter((c) => c.method === "chat.postMessage");
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it("answers a /rapport slash command through the DM, opening it when needed", async () => {
    const link = await addTherapist(env, "Dr Rivera");
    const body = new URLSearchParams({
      token: "legacy",
      team_id: "T1",
      channel_id: "C0GENERAL",
      user_id: RIVERA,
      command: "/rapport",
      text: `link ${link}`,
      trigger_id: "trigger.cmd.1",
      response_url: "https://hooks.slack.com/commands/T1/1/x",
    }).toString();
    expect((await post({ body, type: "application/x-www-form-urlencoded" })).status).toBe(200);
    await fake.waitFor(() => fake.textsTo(dm(RIVERA)).length === 1);
    expect(fake.textsTo(dm(RIVERA))[0]).toContain("You're linked as Dr Rivera");
    expect(fake.calls.some((c) => c.method === "conversations.open" && c.params.users === RIVERA)).toBe(true);
  });

  it("points to the DM when mentioned in a channel, without health data there", async () => {
    counter++;
    const body = JSON.stringify({
      token: "legacy",
      team_id: "T1",
      api_app_id: "A1",
      type: "event_callback",
      event_id: `EvMention${counter}`,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: "app_mention",
        channel: "C0GENERAL",
        user: ALEX,
        text: "<@UBOT> summary alex",
        ts: "1700000300.1",
      },
    });
    await say({ body, type: "application/json" });
    expect(fake.textsTo("C0GENERAL")).toEqual([
      "I only talk about check-ins in a private chat. Please write to me directly.",
    ]);
  });

  it("marks a person unreachable on channel_not_found (their DM is gone) and tells the therapist once", async () => {
    const link = await addTherapist(env, "Dr Rivera");
    await say(messageEvent(RIVERA, `link ${link}`));
    const [invite] = await say(messageEvent(RIVERA, "invite alex"));
    const code = /start (\S+)/.exec(plainText(invite?.params ?? {}))?.[1];
    const [consent] = await say(messageEvent(ALEX, `start ${code}`));
    await say(pressEvent(ALEX, consent, "yes"), 2);
    fake.failNext("chat.postMessage", "channel_not_found");
    await say(messageEvent(RIVERA, "checkin alex"));
    await fake.waitFor(() =>
      fake.textsTo(dm(RIVERA)).some((t) => t.includes("can no longer be reached on slack")),
    );
    // Asked again, the therapist hears that alex cannot be reached, and no second notice comes.
    const [again] = await say(messageEvent(RIVERA, "checkin alex"));
    expect(plainText(again?.params ?? {})).toContain("alex can't be reached at the moment");
    await sleep(300);
    expect(fake.textsTo(dm(RIVERA)).filter((t) => t.includes("can no longer be reached"))).toHaveLength(1);
  });
});

describe("Slack through rapport serve (Socket Mode)", () => {
  it("connects with the app token, takes events over the socket, acknowledges them and answers in the DM", async () => {
    fake.calls.length = 0;
    const env = freshEnv({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_APP_TOKEN: "xapp-test",
      SLACK_API_URL: apiUrl,
      RAPPORT_DEMO: "1",
    });
    const server = await serve(env);
    try {
      await fake.waitFor(() => fake.connected === 1);
      const open = fake.calls.find((c) => c.method === "apps.connections.open");
      expect(open).toBeDefined();
      fake.pushEnvelope("env-1", "events_api", JSON.parse(messageEvent(ALEX, "hello").body));
      await fake.waitFor(() => fake.textsTo(dm(ALEX)).length === 1);
      expect(fake.textsTo(dm(ALEX))[0]).toContain("start CODE");
      await fake.waitFor(() => fake.acks.includes("env-1"));
      // Slack delivers again when an ack is late: the same event id does nothing the second time.
      // (Codes, not more hellos: a stranger is told how to start once an hour, the rest dropped.)
      fake.pushEnvelope("env-2", "events_api", JSON.parse(messageEvent(ALEX, "start AAAA-BBBB-CCCC").body));
      const again = messageEvent(ALEX, "start AAAA-BBBB-CCCD");
      const body = JSON.parse(again.body) as { event_id: string };
      fake.pushEnvelope("env-3", "events_api", body);
      fake.pushEnvelope("env-4", "events_api", body);
      await fake.waitFor(() => fake.acks.includes("env-4"));
      await sleep(300);
      expect(fake.textsTo(dm(ALEX))).toHaveLength(3);
    } finally {
      server.child.kill("SIGKILL");
    }
  });
});
