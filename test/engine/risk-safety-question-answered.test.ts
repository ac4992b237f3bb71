import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// A disclosure typed at the check-in's safety question answers it (a yes, in the client's words);
// a question about a concern's safety question gets the question explained.
let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text ?? "");

describe("a disclosure at the check-in's safety question", () => {
  it("is its yes, with the words quoted, and the question is not asked again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const n of ["8", "8", "8", "8", "3", "3", "3", "3"]) await c.say("alex", n);
    const replies = await c.say("alex", "no lol kms");
    const summary = texts(replies, "rivera").find((t) => t.includes("check-in 1"));
    expect(summary).toContain('"no lol kms"');
    expect(summary).toContain("Safety question: yes");
    expect(summary).not.toContain("not answered");
    const next = texts(await c.say("alex", "thanks"), "alex");
    expect(next.join("\n")).not.toContain("9/9");
  });
});

describe("a question about a concern's safety question", () => {
  it("gets what the question is and why it is asked, and the question again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "whats the point of anything");
    const [reply] = texts(await c.say("alex", "what is this"), "alex");
    expect(reply).toContain("It's a question I ask whenever someone writes words like yours");
    expect(reply).toContain("thoughts of harming yourself");
    expect(reply).not.toContain("It's all right not to be sure");
  });
});
