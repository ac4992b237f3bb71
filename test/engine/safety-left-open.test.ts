import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import type { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * A client who will not answer the check-in's own safety question ("skip", and "skip" again after
 * it came again) is not held there until the check-in expires two days later, with the therapist
 * seeing nothing of it meanwhile: the question is left open, the check-in
 * goes on, and the summary says it was left open, in the client's words.
 */
const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

let c: Conversation;
afterEach(() => c?.close());

describe("the safety question left open", () => {
  it("'skip' is told it can be left by saying so again; the second 'skip' goes on to the comment", async () => {
    c = await atSafetyQuestion();
    const first = texts(await c.say("alex", "skip"), "alex").join("\n");
    expect(first).toMatch(/^You can leave this one open if you'd rather: say so again/);
    expect(first).toContain("9/9. In the past week");
    await c.tick(60_000);
    const second = await c.say("alex", "skip");
    expect(texts(second, "alex").join("\n")).toMatch(
      /^That's all right, we'll leave it there\. Dr rivera will see that this one was left open\.\n\nLast one, and optional/,
    );
    expect(texts(second, "rivera")).toEqual([]);
    expect((await c.answers("alex")).some((a) => a.instrument === "safety")).toBe(false);
    const done = await c.say("alex", "skip");
    const summary = texts(done, "rivera").join("\n");
    expect(summary).toContain('Safety question: left open, asked twice ("skip / skip"). Worth following up.');
    expect(summary).not.toContain("closed at its expiry");
    expect(done.some((d) => d.message.urgent)).toBe(false);
  });

  it("'not sure', then 'rather not say' a minute later, is left open too", async () => {
    c = await atSafetyQuestion();
    await c.say("alex", "not sure");
    await c.tick(60_000);
    const sent = texts(await c.say("alex", "rather not say"), "alex").join("\n");
    expect(sent).toContain("Last one, and optional");
  });

  it("two unsure words in the same burst, before the question came again, are not leaving it open", async () => {
    c = await atSafetyQuestion();
    await c.say("alex", "not sure");
    const sent = texts(await c.say("alex", "idk"), "alex").join("\n");
    expect(sent).toContain("9/9. In the past week");
    expect(sent).not.toContain("Last one, and optional");
  });

  it("a yes after the question came again is still the answer, with the crisis message", async () => {
    c = await atSafetyQuestion();
    await c.say("alex", "skip");
    await c.tick(60_000);
    const sent = await c.say("alex", "yes");
    expect(sent.some((d) => d.message.urgent)).toBe(true);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
  });
});
