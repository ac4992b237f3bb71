import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/** Answers as people type them, re-asking with the question again, and counts that agree. */
let c: Conversation;
afterEach(() => c.close());

/** The values stored for alex's check-ins, read through the store's interface. */
async function answers(): Promise<number[]> {
  return (await c.answers("alex")).map((a) => a.value);
}

describe("typed answers", () => {
  it("takes number words, 'out of 10', keycaps and a trailing dot as the numbers they are", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const typed of [
      "seven",
      "7 out of 10",
      "7\uFE0F\u20E3",
      "\u{1F51F}",
      "Six.",
      "5/10",
      "4,5",
      "three",
    ]) {
      const [reply] = await c.say("alex", typed);
      expect(reply?.message.text, typed).not.toMatch(/^Sorry/);
    }
    // Answered within the same test millisecond: compared as a set of values.
    expect((await answers()).sort((a, b) => a - b)).toEqual([3, 4.5, 5, 6, 7, 7, 7, 10]);
  });

  it("takes a hedged number ('idk maybe 6ish', 'sorry fell asleep lol. 6'), and asks again for 'meh'", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [first] = await c.say("alex", "sorry fell asleep lol. 6");
    expect(first?.message.text).toMatch(/^2\/9\. /);
    const [meh] = await c.say("alex", "meh");
    expect(meh?.message.text).toMatch(/^Sorry/);
    const [second] = await c.say("alex", "idk maybe 6ish");
    expect(second?.message.text).toMatch(/^3\/9\. /);
    expect(await answers()).toEqual([6, 6]);
  });

  it("re-asks '8.25' saying exactly what it takes, with the question and its buttons again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [reask] = await c.say("alex", "8.25");
    expect(reask?.message.text).toMatch(
      /^Sorry, I can only use a number from 0 to 10 here, with at most one decimal/,
    );
    expect(reask?.message.text).toContain("1/9.");
    expect(reask?.message.choices?.map((ch) => ch.label)).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i)),
    );
    expect(await answers()).toEqual([]);
  });

  it("counts as the client sees it: the intro's 9 questions, 'question 2 of 9', the comment by name, '1 completed check-in'", async () => {
    c = new Conversation();
    await c.enrol();
    const [intro] = await c.say("rivera", "checkin alex");
    const toClient = c.delivered.filter((d) => d.externalId === "alex").map((d) => d.message.text);
    expect(toClient.join("\n")).toContain("9 quick questions");
    expect(intro?.message.text).toBeDefined();
    await c.say("alex", "8");
    const [open] = await c.say("rivera", "checkin alex");
    expect(open?.message.text).toContain("(at question 2 of 9)");
    for (const v of [8, 8, 8, 6, 6, 6, 6, "no"]) await c.say("alex", String(v));
    const [atComment] = await c.say("rivera", "checkin alex");
    expect(atComment?.message.text).toContain("(at the comment, after the last question)");
    const done = await c.say("alex", "skip");
    // The summary's time says its zone (the clinic's, UTC by default).
    expect(done.find((d) => d.externalId === "rivera")?.message.text).toMatch(/^alex, check-in 1 · .+ UTC\n/);
    await c.say("rivera", "discharge alex");
    expect(c.lastTo("rivera").message.text).toContain("after 1 completed check-in.");
  });
});
