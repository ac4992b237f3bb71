import pino from "pino";
import restify from "restify";
import { afterEach, describe, expect, it } from "vitest";
import { ChannelStates } from "../../../adapters/channel-states.js";
import { createSlackChannel } from "../../../adapters/slack/slack-channel.js";
import type { Engine } from "../../../src/engine/engine.js";
import type { InboundEvent } from "../../../src/model.js";
import { FakeSlack, sign } from "../../fakes/fake-slack.js";
import { waitFor } from "../../support/wait.js";

const SECRET = "abcdef0123456789";

/** POST /slack/events on a real HTTP server (Web API: the fake), signed with SECRET; every log line kept. */
async function slackRoute() {
  const lines: string[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
  const handled: InboundEvent[] = [];
  const engine = { handle: async (event: InboundEvent) => void handled.push(event) } as unknown as Engine;
  const fake = new FakeSlack();
  const apiUrl = await fake.start();
  const channel = createSlackChannel({ botToken: "xoxb-route", signingSecret: SECRET, apiUrl }, log);
  const server = restify.createServer();
  const states = new ChannelStates();
  channel.start(engine, server, states);
  await waitFor(() => states.ready());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const post = async (body: string, type = "application/json") => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${server.address().port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": type,
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": sign(SECRET, ts, body),
      },
      body,
    });
    return res.status;
  };
  const stop = async () => {
    await channel.stop();
    await fake.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { post, lines, handled, stop };
}

describe("POST /slack/events", () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it("answers 400 to a signed body that is not JSON, logging that it was malformed but none of its text", async () => {
    const route = await slackRoute();
    stops.push(route.stop);
    expect(await route.post("SECRETCLIENT words")).toBe(400);
    expect(await route.post("payload=SECRETFORM%20words", "application/x-www-form-urlencoded")).toBe(400);
    const log = route.lines.join("\n");
    expect(log).toContain("Malformed request body");
    expect(log).not.toContain("SECRET");
  });

  it("answers 400 at once to a signed event_callback without an event, with no error line", async () => {
    const route = await slackRoute();
    stops.push(route.stop);
    expect(await route.post(JSON.stringify({ type: "event_callback" }))).toBe(400);
    expect(route.lines.map((l) => JSON.parse(l).level)).not.toContain(50);
    expect(route.handled).toEqual([]);
  });

  it("still answers 200 to a signed direct message and hands it to the engine", async () => {
    const route = await slackRoute();
    stops.push(route.stop);
    const body = {
      type: "event_callback",
      event_id: "Ev1",
      team_id: "T1",
      event: { type: "message", channel_type: "im", user: "U1", channel: "D1", text: "7", ts: "1.1" },
    };
    expect(await route.post(JSON.stringify(body))).toBe(200);
    expect(route.handled.map((e) => e.id)).toEqual(["Ev1"]);
  });
});

describe("POST /slack/events while connecting to Slack", () => {
  it("answers 401 at once to an unsigned or forged request and 503 to a signed one", async () => {
    const lines: string[] = [];
    const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
    const engine = { handle: async () => undefined } as unknown as Engine;
    // No Web API listens there: auth.test fails, and the channel stays connecting.
    const channel = createSlackChannel(
      { botToken: "xoxb-route", signingSecret: SECRET, apiUrl: "http://127.0.0.1:9/api/" },
      log,
    );
    const server = restify.createServer();
    const states = new ChannelStates();
    channel.start(engine, server, states);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const body = JSON.stringify({
        type: "event_callback",
        event_id: "Ev9",
        event: { text: "SECRETWORDS" },
      });
      const ts = Math.floor(Date.now() / 1000);
      const post = async (headers: Record<string, string>) => {
        const res = await fetch(`http://127.0.0.1:${server.address().port}/slack/events`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body,
        });
        await res.arrayBuffer();
        return res.status;
      };
      expect(await post({})).toBe(401);
      expect(await post({ "x-slack-request-timestamp": String(ts), "x-slack-signature": "v0=00ff" })).toBe(
        401,
      );
      const stale = ts - 10 * 60;
      expect(
        await post({
          "x-slack-request-timestamp": String(stale),
          "x-slack-signature": sign(SECRET, stale, body),
        }),
      ).toBe(401);
      expect(
        await post({ "x-slack-request-timestamp": String(ts), "x-slack-signature": sign(SECRET, ts, body) }),
      ).toBe(503);
      expect(states.ready()).toBe(false);
      expect(lines.join("\n")).not.toContain("SECRETWORDS");
    } finally {
      await channel.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
