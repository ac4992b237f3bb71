import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * Regression: scores typed in a burst with words of concern ("8" x4, "honestly everyone
 * would be better off without me", "0" in the same second). The "0" was meant for the check-in's
 * fifth question; it was read as the No to the concern's safety question, which the client could
 * not yet have seen, the check-in's own safety question was then skipped and later scores landed
 * a question early.
 */
const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

let c: Conversation;
afterEach(() => c?.close());

async function concernAfterFour(): Promise<Conversation> {
  const conversation = new Conversation();
  await conversation.enrol();
  await conversation.say("rivera", "checkin alex");
  for (let i = 0; i < 4; i++) await conversation.say("alex", "8");
  await conversation.tick(60_000);
  await conversation.say("alex", "honestly everyone would be better off without me");
  return conversation;
}

describe("a score typed in the same second as the concern's question", () => {
  it("answers the check-in's question it was meant for; the concern's question stays open", async () => {
    c = await concernAfterFour();
    const sent = await c.say("alex", "0");
    expect(texts(sent, "alex").join("\n")).not.toContain("Thank you for answering");
    expect(texts(sent, "alex").join("\n")).toContain("6/9.");
    const answers = await c.answers("alex");
    expect(answers.map((a) => a.value)).toEqual([8, 8, 8, 8, 0]);
    // The question is still open: its button answers it.
    await c.tick(60_000);
    const yes = await c.press("alex", "1", "safety-check");
    expect(texts(yes, "rivera")[0]).toMatch(/^URGENT: alex may be at risk/);
  });

  it("a second later it is the question's answer, as before", async () => {
    c = await concernAfterFour();
    await c.tick(5_000);
    const sent = await c.say("alex", "0");
    expect(texts(sent, "alex").join("\n")).toContain("Thank you for answering");
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([8, 8, 8, 8]);
  });
});
