import { readFileSync } from "node:fs";
import type { Activity } from "botbuilder";
import { describe, expect, it } from "vitest";
import {
  isGreeting,
  referenceOf,
  TEAMS_CHANNEL,
  toInboundEvent,
  userId,
} from "../../../adapters/teams/teams-inbound.js";
import type { InboundEvent } from "../../../src/model.js";

function fixture(name: string): Partial<Activity> {
  const url = new URL(`../../fixtures/teams/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Partial<Activity>;
}

const SERVICE_URL = "https://smba.trafficmanager.net/emea/";
const TENANT = "5f3c9a1e-2b7d-4c8e-9f01-6a2d4b8c7e35";
const BOT = { id: "28:0e7d3b9a-4c21-4f6e-8a5b-1d9c2e7f4a60", name: "rapport" };
const JONAS = {
  id: "29:1qB7mZ3xR9vLk2TnW8yHs4cJd6fPa0eGu5iOb1KtXw3NvYq7MzLr2Ds9FhCj4Ep8UkGn",
  name: "Jonas Weber",
  aadObjectId: "a4c2e8f1-7b3d-4e59-9c60-2f1d8b7a3e94",
};
const PERSONAL = {
  conversationType: "personal",
  tenantId: TENANT,
  id: "a:1Xk9Tq2Wm7Rz4Lp8Vn3Bc6Yh0Jd5Fs1Gu9Ke2Ox7Ia4Nw8Pt3Mv6Qr0Sy5Lb1Zc9Hf2Dj7Eg4Au8",
};
/** Where later messages to Jonas go: his personal chat with the bot, not a reply to one activity. */
const JONAS_ADDRESS = {
  user: JONAS,
  bot: BOT,
  conversation: PERSONAL,
  channelId: "msteams",
  locale: "de-DE",
  serviceUrl: SERVICE_URL,
};

describe("toInboundEvent", () => {
  it("turns a personal-chat message into a direct text event from the person's Entra id", () => {
    const event = toInboundEvent(fixture("personal-message"));
    expect(event).toEqual({
      channel: "teams",
      id: "1718112705123",
      sender: { id: "a4c2e8f1-7b3d-4e59-9c60-2f1d8b7a3e94", name: "Jonas Weber", locale: "de-DE" },
      address: JONAS_ADDRESS,
      direct: true,
      input: { kind: "text", text: "help" },
    } satisfies InboundEvent);
    expect(event?.address).not.toHaveProperty("activityId");
    expect(event?.channel).toBe(TEAMS_CHANNEL);
  });

  it("turns an Action.Submit into a choice with the question's ref and the card's id as source", () => {
    const activity = fixture("submit-value");
    expect(activity.text).toBeUndefined();
    const event = toInboundEvent(activity);
    expect(event).toEqual({
      channel: "teams",
      id: "1718113018402",
      sender: { id: "a4c2e8f1-7b3d-4e59-9c60-2f1d8b7a3e94", name: "Jonas Weber", locale: "de-DE" },
      address: JONAS_ADDRESS,
      direct: true,
      input: { kind: "choice", value: "7", ref: "checkin:12:3", source: "1718112991736" },
    } satisfies InboundEvent);
    expect(event?.address).not.toHaveProperty("activityId");
  });

  it("takes a submit without a ref as a choice without one", () => {
    const activity = { ...fixture("submit-value"), value: { rapport: { value: "yes" } } };
    expect(toInboundEvent(activity)?.input).toEqual({
      kind: "choice",
      value: "yes",
      ref: undefined,
      source: "1718112991736",
    });
  });

  it("takes a card value that is not rapport's as (empty) text", () => {
    for (const value of [{ action: "Sign Up" }, { rapport: { value: 7 } }, { rapport: null }, "7"]) {
      const activity = { ...fixture("submit-value"), value };
      expect(toInboundEvent(activity)?.input, JSON.stringify(value)).toEqual({ kind: "text", text: "" });
    }
  });

  it("falls back to the channel id for a sender without an Entra id (the Emulator)", () => {
    const activity = fixture("personal-message");
    const from = {
      id: "29:1qB7mZ3xR9vLk2TnW8yHs4cJd6fPa0eGu5iOb1KtXw3NvYq7MzLr2Ds9FhCj4Ep8UkGn",
      name: "Jonas",
    };
    const event = toInboundEvent({ ...activity, from });
    expect(event?.sender).toEqual({ id: from.id, name: "Jonas", locale: "de-DE" });
    expect(event?.address.user).toEqual(from);
  });

  it("is direct for a conversation without a type (the Emulator)", () => {
    const activity = fixture("personal-message");
    const { conversationType: _type, ...conversation } = PERSONAL;
    const event = toInboundEvent({ ...activity, conversation: conversation as Activity["conversation"] });
    expect(event?.direct).toBe(true);
    expect(event?.input).toEqual({ kind: "text", text: "help" });
  });

  it("turns a group-chat mention into an indirect event, without the <at> mention in the text", () => {
    expect(toInboundEvent(fixture("group-message"))).toEqual({
      channel: "teams",
      id: "1718178739640",
      sender: { id: "c7e19b42-3f8d-4a65-b0e2-9d4a7f1c5b38", name: "Dr. Sofia Keller", locale: "en-GB" },
      address: {
        user: {
          id: "29:1Hn4Vc8Xz2Lq7Tb3Wm9Rk5Yd1Fs6Gp0Ju8Ke3Oa7Ni2Bw4Pt9Qv5Ez1Sy6Mh3Cj8Dl0Ag7",
          name: "Dr. Sofia Keller",
          aadObjectId: "c7e19b42-3f8d-4a65-b0e2-9d4a7f1c5b38",
        },
        bot: BOT,
        conversation: {
          isGroup: true,
          conversationType: "groupChat",
          tenantId: TENANT,
          id: "19:8c1f3e6a2b9d4f07a5e1c3b8d6f2a9e4@thread.v2",
        },
        channelId: "msteams",
        locale: "en-GB",
        serviceUrl: SERVICE_URL,
      },
      direct: false,
      input: { kind: "text", text: "summary alex" },
    } satisfies InboundEvent);
  });

  it("is not direct in a team channel either", () => {
    const activity = fixture("group-message");
    const conversation = {
      isGroup: true,
      conversationType: "channel",
      tenantId: TENANT,
      id: "19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2;messageid=1718178739640",
    };
    const event = toInboundEvent({ ...activity, conversation } as Partial<Activity>);
    expect(event?.direct).toBe(false);
  });

  it("removes every <at> mention, wherever it is, and trims", () => {
    const activity = fixture("group-message");
    expect(toInboundEvent({ ...activity, text: "  summary <at>rapport</at>  " })?.input).toEqual({
      kind: "text",
      text: "summary",
    });
    expect(toInboundEvent({ ...activity, text: "<at>rapport</at>" })?.input).toEqual({
      kind: "text",
      text: "",
    });
  });

  it("takes a message without text as empty text", () => {
    const { text: _text, ...activity } = fixture("personal-message");
    expect(toInboundEvent(activity)?.input).toEqual({ kind: "text", text: "" });
  });

  it("gives undefined for activities that are not messages", () => {
    for (const name of [
      "conversation-update-members-added",
      "installation-update",
      "installation-remove",
      "invoke-unhandled",
    ]) {
      expect(toInboundEvent(fixture(name)), name).toBeUndefined();
    }
    expect(toInboundEvent({ ...fixture("personal-message"), type: "typing" })).toBeUndefined();
  });

  it("gives undefined for a message without an id or a sender", () => {
    const { id: _id, ...withoutId } = fixture("personal-message");
    const { from: _from, ...withoutFrom } = fixture("personal-message");
    expect(toInboundEvent(withoutId)).toBeUndefined();
    expect(toInboundEvent(withoutFrom)).toBeUndefined();
  });
});

describe("referenceOf", () => {
  it("is the conversation reference without the incoming activity's id", () => {
    const reference = referenceOf(fixture("submit-value"));
    expect(reference).toEqual(JONAS_ADDRESS);
    expect(reference).not.toHaveProperty("activityId");
  });

  it("keeps the tenant in the conversation when only channelData carried it", () => {
    const activity = fixture("personal-message");
    const conversation = { ...PERSONAL, tenantId: undefined } as unknown as Activity["conversation"];
    const reference = referenceOf({ ...activity, conversation, channelData: { tenant: { id: TENANT } } });
    expect(reference.conversation).toEqual(PERSONAL);
  });
});

describe("isGreeting", () => {
  it("is true when the bot itself is added to a personal chat", () => {
    const activity = fixture("conversation-update-members-added");
    expect(activity.membersAdded?.map((m) => m.id)).toContain(activity.recipient?.id);
    expect(isGreeting(activity)).toBe(true);
  });

  it("is false for a conversationUpdate that adds someone else", () => {
    const activity = fixture("conversation-update-members-added");
    const others = (activity.membersAdded ?? []).filter((m) => m.id !== activity.recipient?.id);
    expect(others).toHaveLength(1);
    expect(isGreeting({ ...activity, membersAdded: others })).toBe(false);
  });

  it("is false for a conversationUpdate that adds no one (membersRemoved, renames)", () => {
    const { membersAdded: _added, ...activity } = fixture("conversation-update-members-added");
    expect(isGreeting(activity)).toBe(false);
    expect(isGreeting({ ...activity, membersRemoved: [BOT] })).toBe(false);
  });

  it("is true for an installationUpdate add and add-upgrade", () => {
    const activity = fixture("installation-update");
    expect(activity.action).toBe("add");
    expect(isGreeting(activity)).toBe(true);
    expect(isGreeting({ ...activity, action: "add-upgrade" })).toBe(true);
  });

  it("is false for an installationUpdate remove and remove-upgrade", () => {
    const activity = fixture("installation-remove");
    expect(activity.action).toBe("remove");
    expect(isGreeting(activity)).toBe(false);
    expect(isGreeting({ ...activity, action: "remove-upgrade" })).toBe(false);
  });

  it("is false for messages and invokes", () => {
    for (const name of ["personal-message", "submit-value", "group-message", "invoke-unhandled"]) {
      expect(isGreeting(fixture(name)), name).toBe(false);
    }
  });
});

describe("userId", () => {
  it("is the Entra object id where Teams gives one", () => {
    expect(userId(fixture("personal-message"))).toBe("a4c2e8f1-7b3d-4e59-9c60-2f1d8b7a3e94");
    expect(userId(fixture("installation-update"))).toBe("a4c2e8f1-7b3d-4e59-9c60-2f1d8b7a3e94");
  });

  it("is the channel id without one, and undefined without a sender", () => {
    expect(userId({ from: { id: "29:emulator-user", name: "User" } })).toBe("29:emulator-user");
    expect(userId({})).toBeUndefined();
  });

  it("takes only non-empty strings: another type is no user (it would not bind in SQLite)", () => {
    const from = (f: unknown) => ({ from: f }) as Partial<Activity>;
    expect(userId(from({ id: { $gt: "" }, aadObjectId: ["x"] }))).toBeUndefined();
    expect(userId(from({ id: "29:x", aadObjectId: 7 }))).toBe("29:x");
    expect(userId(from({ id: "", aadObjectId: "" }))).toBeUndefined();
    expect(toInboundEvent({ ...fixture("personal-message"), ...from({ id: 1, aadObjectId: null }) })).toBe(
      undefined,
    );
  });
});
