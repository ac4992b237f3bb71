import { afterEach, describe, expect, it } from "vitest";
import { isFiller } from "../../src/engine/checkin/burst.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * Words typed in a burst at a check-in's question, as people type on phones: "ok so" / "this week"
 * / "was honestly pretty bad" / "like" / "3". Regression: each fragment got the whole
 * question again (four lines and its buttons, four times in a few seconds) and "ok so" was kept
 * as a comment for the therapist.
 */
let c: Conversation;
afterEach(() => c?.close());

const SECOND = 1_000;
const mine = async (text: string) =>
  (await c.say("alex", text)).filter((d) => d.externalId === "alex").map((d) => d.message.text);

async function atFirstQuestion(): Promise<void> {
  c = new Conversation();
  await c.enrol();
  await c.say("rivera", "checkin alex");
  // The client's consent was a while ago: the first message below starts no burst of its own.
  c.clock.advance(10 * 60 * SECOND);
}

describe("words in a burst at a check-in's question", () => {
  it("get the full re-ask once, then a short line; fillers get nothing; the words all reach the comment", async () => {
    await atFirstQuestion();
    // Alone, a filler gets the question again, and is not kept.
    expect(await mine("ok so")).toEqual([
      expect.stringMatching(/^Four questions about|^1\/9\. In the last session/),
    ]);
    c.clock.advance(4 * SECOND);
    const [first] = await mine("this week");
    expect(first).toMatch(/^Thank you for telling me\. I've added it to your comment/);
    expect(first).toMatch(/1\/9\. In the last session/);
    c.clock.advance(5 * SECOND);
    expect(await mine("was honestly pretty bad")).toEqual([
      "Added that to your comment too. The question above is still open: type a number or tap a button.",
    ]);
    c.clock.advance(2 * SECOND);
    expect(await mine("like")).toEqual([]);
    c.clock.advance(3 * SECOND);
    expect((await mine("3"))[0]).toMatch(/^2\/9\./);
    for (const n of ["7", "7", "7", "5", "5", "5", "5", "no"]) await c.say("alex", n);
    await c.say("alex", "skip");
    const [own] = await c.say("rivera", "summary alex");
    expect(own?.message.text).toContain("this week");
    expect(own?.message.text).toContain("was honestly pretty bad");
    expect(own?.message.text).not.toContain("ok so");
  });

  it("a minute after the last message, words get the whole question again", async () => {
    await atFirstQuestion();
    await mine("this week was rough");
    c.clock.advance(90 * SECOND);
    const [again] = await mine("work especially");
    expect(again).toMatch(/1\/9\. In the last session/);
    // A filler that long after is answered with the question, too.
    c.clock.advance(90 * SECOND);
    expect(await mine("um")).toHaveLength(1);
  });
});

describe("fillers", () => {
  it.each(["ok so", "um", "like...", "so like", "ähm also", "pues", "o sea", "Ok, so"])(
    "%j is one",
    (text) => {
      expect(isFiller(text)).toBe(true);
    },
  );
  it.each(["ok 5", "fine", "gut", "ja", "yeah", "so yeah", "so bad", "like a 5", "meh", ""])(
    "%j is not",
    (text) => {
      expect(isFiller(text)).toBe(false);
    },
  );
});
