import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  actionToEvent,
  commandToEvent,
  messageToEvent,
  plainFromSlack,
  SLACK_CHANNEL,
  type SlackBlockActions,
  type SlackMessageEvent,
} from "../../../adapters/slack/slack-inbound.js";
import type { InboundEvent } from "../../../src/model.js";

/** The Events API envelope, as much of it as these tests read. */
interface Envelope {
  type: string;
  token: string;
  team_id: string;
  api_app_id: string;
  event_id: string;
  event_time: number;
  event: SlackMessageEvent & { event_ts?: string; team?: string };
}

function text(name: string): string {
  return readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), "utf8");
}

function json<T>(name: string): T {
  return JSON.parse(text(`${name}.json`)) as T;
}

/** What rapport's channel code gets from users.info for the person. */
const PROFILE = { locale: "en-US", timeZone: "Europe/Berlin" };

describe("messageToEvent", () => {
  it("turns a direct message (message.im) into a direct text event with the profile fields", () => {
    const body = json<Envelope>("message-im");
    expect(messageToEvent(body.event_id, body.event, PROFILE)).toEqual({
      channel: "slack",
      id: "Ev078RT2K4QJ",
      sender: { id: "U05MKD2J8TR", locale: "en-US", timeZone: "Europe/Berlin" },
      address: { user: "U05MKD2J8TR", channel: "D06R3A7P2WX" },
      direct: true,
      input: { kind: "text", text: "7" },
    } satisfies InboundEvent);
  });

  it("is the slack channel, and works without a profile", () => {
    const body = json<Envelope>("message-im");
    const event = messageToEvent(body.event_id, body.event);
    expect(SLACK_CHANNEL).toBe("slack");
    expect(event?.channel).toBe(SLACK_CHANNEL);
    expect(event?.sender).toEqual({ id: "U05MKD2J8TR" });
  });

  it("takes the sender id from the event, never from the profile passed in", () => {
    const body = json<Envelope>("message-im");
    const event = messageToEvent(body.event_id, body.event, { id: "U_SOMEONE_ELSE", name: "Alex" });
    expect(event?.sender).toEqual({ id: "U05MKD2J8TR", name: "Alex" });
  });

  it("gives a retried delivery (X-Slack-Retry-Num) the same id, so it is de-duplicated", () => {
    const retry = json<{ headers: Record<string, string>; body: Envelope }>("retry");
    const first = json<Envelope>("message-im");
    expect(retry.headers["X-Slack-Retry-Num"]).toBe("1");
    expect(retry.headers["X-Slack-Retry-Reason"]).toBe("http_timeout");
    const again = messageToEvent(retry.body.event_id, retry.body.event, PROFILE);
    expect(again).toEqual(messageToEvent(first.event_id, first.event, PROFILE));
    expect(again?.id).toBe("Ev078RT2K4QJ");
  });

  it("makes an app_mention in a channel a non-direct event addressed to that channel", () => {
    const body = json<Envelope>("app-mention");
    expect(messageToEvent(body.event_id, body.event, PROFILE)).toEqual({
      channel: "slack",
      id: "Ev078RV9H1CM",
      sender: { id: "U05MKD2J8TR", locale: "en-US", timeZone: "Europe/Berlin" },
      address: { user: "U05MKD2J8TR", channel: "C05QF8N1W2E" },
      direct: false,
      // The mention of the bot is dropped: what remains is what the person asked.
      input: { kind: "text", text: "checkin" },
    } satisfies InboundEvent);
  });

  it("makes a message in a channel or a group DM non-direct", () => {
    const body = json<Envelope>("message-im");
    for (const channel_type of ["channel", "group", "mpim"]) {
      const event = messageToEvent(body.event_id, { ...body.event, channel: "C05QF8N1W2E", channel_type });
      expect(event?.direct, channel_type).toBe(false);
    }
  });

  it("ignores a bot_message", () => {
    const body = json<Envelope>("message-bot");
    expect(body.event.bot_id).toBeDefined();
    expect(messageToEvent(body.event_id, body.event, PROFILE)).toBeUndefined();
  });

  it("ignores rapport's own messages echoed back (bot_id and user, no subtype)", () => {
    const body = json<Envelope>("message-im");
    const echo = { ...body.event, user: "U06R2L1M5QZ", bot_id: "B06R2L1K9VN", text: "Thanks." };
    expect(messageToEvent(body.event_id, echo)).toBeUndefined();
  });

  it("ignores an edit (message_changed)", () => {
    const body = json<Envelope>("message-changed");
    expect(messageToEvent(body.event_id, body.event, PROFILE)).toBeUndefined();
  });

  it("ignores an edit even if the event carried a user", () => {
    const body = json<Envelope>("message-changed");
    expect(messageToEvent(body.event_id, { ...body.event, user: "U05MKD2J8TR", text: "6" })).toBeUndefined();
  });

  it("ignores other subtypes: deletions, joins, thread broadcasts", () => {
    const body = json<Envelope>("message-im");
    for (const subtype of ["message_deleted", "channel_join", "thread_broadcast", "me_message"]) {
      expect(messageToEvent(body.event_id, { ...body.event, subtype }), subtype).toBeUndefined();
    }
  });

  it("ignores a message without a user", () => {
    const body = json<Envelope>("message-im");
    const { user: _user, ...event } = body.event;
    expect(messageToEvent(body.event_id, event)).toBeUndefined();
  });

  it("handles a file_share message as text, with its caption", () => {
    const body = json<Envelope>("message-im");
    const fileShare = {
      ...body.event,
      subtype: "file_share",
      text: "my week in a picture",
      files: [{ id: "F078S0N4K2D", name: "week.png", mimetype: "image/png", filetype: "png" }],
      upload: false,
    };
    expect(messageToEvent(body.event_id, fileShare, PROFILE)).toEqual({
      channel: "slack",
      id: "Ev078RT2K4QJ",
      sender: { id: "U05MKD2J8TR", locale: "en-US", timeZone: "Europe/Berlin" },
      address: { user: "U05MKD2J8TR", channel: "D06R3A7P2WX" },
      direct: true,
      input: { kind: "text", text: "my week in a picture" },
    } satisfies InboundEvent);
  });

  it("gives a file_share without a caption an empty text", () => {
    const body = json<Envelope>("message-im");
    const { text: _text, ...event } = body.event;
    expect(messageToEvent(body.event_id, { ...event, subtype: "file_share" })?.input).toEqual({
      kind: "text",
      text: "",
    });
  });

  it("decodes Slack's escaped control characters in a person's text", () => {
    const body = json<Envelope>("message-im");
    const event = messageToEvent(body.event_id, {
      ...body.event,
      text: "me &amp; my partner &lt;3 &gt;_&lt;",
    });
    expect(event?.input).toEqual({ kind: "text", text: "me & my partner <3 >_<" });
  });
});

describe("plainFromSlack", () => {
  it.each([
    ["<@UBOT> summary alex", "summary alex"],
    [
      "see <https://example.org/a|the page> and <https://example.org/b>",
      "see the page and https://example.org/b",
    ],
    ["in <#C123|general>", "in #general"],
    ["me &amp; you &lt;3", "me & you <3"],
    ["*bold* _x_ stays", "*bold* _x_ stays"],
  ])("%s → %s", (text, plain) => {
    expect(plainFromSlack(text)).toBe(plain);
  });
});

describe("actionToEvent", () => {
  it("turns a button press in the DM into a direct choice with ref, value and source", () => {
    const payload = json<SlackBlockActions>("block-actions");
    expect(actionToEvent(payload, PROFILE)).toEqual({
      channel: "slack",
      id: "action:U05MKD2J8TR:1718112702.914356",
      sender: { id: "U05MKD2J8TR", locale: "en-US", timeZone: "Europe/Berlin" },
      address: { user: "U05MKD2J8TR", channel: "D06R3A7P2WX" },
      direct: true,
      input: { kind: "choice", value: "7", ref: "checkin:12:3", source: "D06R3A7P2WX:1718112650.331029" },
    } satisfies InboundEvent);
  });

  it("gives a retried delivery of the same press the same id", () => {
    const payload = json<SlackBlockActions>("block-actions");
    const again = json<SlackBlockActions>("block-actions");
    expect(actionToEvent(again)?.id).toBe(actionToEvent(payload)?.id);
  });

  it("decodes a value without a ref (encodeValue(undefined, ...))", () => {
    const payload = json<SlackBlockActions>("block-actions");
    const [action] = payload.actions;
    if (!action) throw new Error("fixture has no action");
    const event = actionToEvent({ ...payload, actions: [{ ...action, value: "|yes" }] });
    expect(event?.input).toEqual({
      kind: "choice",
      value: "yes",
      ref: undefined,
      source: "D06R3A7P2WX:1718112650.331029",
    });
  });

  it("keeps a multi-word chat-word value (the urgent alert's 'seen 12')", () => {
    const payload = json<SlackBlockActions>("block-actions");
    const [action] = payload.actions;
    if (!action) throw new Error("fixture has no action");
    const event = actionToEvent({ ...payload, actions: [{ ...action, value: "risk:12|seen 12" }] });
    expect(event?.input).toMatchObject({ kind: "choice", value: "seen 12", ref: "risk:12" });
  });

  it("falls back to the payload's channel when the container has none", () => {
    const payload = json<SlackBlockActions>("block-actions");
    const event = actionToEvent({ ...payload, container: { message_ts: "1718112650.331029" } });
    expect(event?.address).toEqual({ user: "U05MKD2J8TR", channel: "D06R3A7P2WX" });
    expect(event?.direct).toBe(true);
  });

  it("is not direct for a press in a channel", () => {
    const payload = json<SlackBlockActions>("block-actions");
    const event = actionToEvent({
      ...payload,
      container: { channel_id: "C05QF8N1W2E", message_ts: "1718113100.000400" },
      channel: { id: "C05QF8N1W2E" },
    });
    expect(event?.direct).toBe(false);
    expect(event?.input).toMatchObject({ source: "C05QF8N1W2E:1718113100.000400" });
  });

  it("ignores a press without a value", () => {
    const payload = json<SlackBlockActions>("block-actions");
    const [action] = payload.actions;
    if (!action) throw new Error("fixture has no action");
    const { value: _value, ...noValue } = action;
    expect(actionToEvent({ ...payload, actions: [noValue] })).toBeUndefined();
    expect(actionToEvent({ ...payload, actions: [{ ...action, value: "" }] })).toBeUndefined();
  });

  it("ignores a payload without actions", () => {
    const payload = json<SlackBlockActions>("block-actions");
    expect(actionToEvent({ ...payload, actions: [] })).toBeUndefined();
  });

  it("ignores a press with no channel at all (a modal's view container)", () => {
    const payload = json<SlackBlockActions>("block-actions");
    const { channel: _channel, ...rest } = payload;
    expect(actionToEvent({ ...rest, container: {} })).toBeUndefined();
  });
});

describe("commandToEvent", () => {
  function form(body: string) {
    const params = new URLSearchParams(body.trim());
    return {
      token: params.get("token") ?? "",
      command: params.get("command") ?? "",
      trigger_id: params.get("trigger_id") ?? "",
      user_id: params.get("user_id") ?? "",
      channel_id: params.get("channel_id") ?? "",
      text: params.get("text") ?? "",
    };
  }

  it("parses the form body: /rapport with its text, answered in the DM", () => {
    const command = form(text("slash-command.txt"));
    expect(command.command).toBe("/rapport");
    expect(command.text).toBe("invite alex");
    expect(commandToEvent(command, PROFILE)).toEqual({
      channel: "slack",
      id: "command:7288420061139.4385217780627.9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
      sender: { id: "U05J3T6Q0HB", locale: "en-US", timeZone: "Europe/Berlin" },
      address: { user: "U05J3T6Q0HB" },
      direct: true,
      input: { kind: "text", text: "invite alex" },
    } satisfies InboundEvent);
  });

  it("trims the text", () => {
    const command = form(text("slash-command.txt").replace("text=invite+alex", "text=++invite+alex++"));
    expect(commandToEvent(command).input).toEqual({ kind: "text", text: "invite alex" });
  });

  it("turns an empty or missing text into help", () => {
    const command = form(text("slash-command.txt").replace("text=invite+alex", "text="));
    expect(command.text).toBe("");
    expect(commandToEvent(command).input).toEqual({ kind: "text", text: "help" });
    expect(commandToEvent({ ...command, text: "   " }).input).toEqual({ kind: "text", text: "help" });
    const { text: _text, ...noText } = command;
    expect(commandToEvent(noText).input).toEqual({ kind: "text", text: "help" });
  });
});

describe("fixtures", () => {
  it("are the Events API shapes the adapter is written against", () => {
    for (const name of ["message-im", "app-mention", "message-bot", "message-changed"]) {
      const body = json<Envelope>(name);
      expect(body.type, name).toBe("event_callback");
      expect(body.event_id, name).toMatch(/^Ev[A-Z0-9]+$/);
      expect(body.team_id, name).toMatch(/^T[A-Z0-9]+$/);
      expect(body.api_app_id, name).toMatch(/^A[A-Z0-9]+$/);
    }
    const verification = json<{ type: string; challenge: string; token: string }>("url-verification");
    expect(verification.type).toBe("url_verification");
    expect(verification.challenge.length).toBeGreaterThan(0);
  });
});
