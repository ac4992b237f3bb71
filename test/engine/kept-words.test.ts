import { afterEach, describe, expect, it } from "vitest";
import { scoreWithRemark } from "../../src/engine/checkin/score-remark.js";
import { Conversation } from "../helpers/conversation.js";

/** Words a client writes at a score question are kept for their therapist, not dropped. */
let c: Conversation;
afterEach(() => c.close());

const HOUR = 3_600_000;
const to = (ds: { externalId: string; message: { text: string } }[], who: string) =>
  ds.filter((d) => d.externalId === who).map((d) => d.message.text);

describe("words written during a check-in", () => {
  it("are kept as the start of its comment: the comment step says so, and the summary has them with the comment", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [kept] = to(await c.say("alex", "honestly it was hard to talk today"), "alex");
    expect(kept).toMatch(
      /^Thank you for telling me\. I've added it to your comment, which Dr rivera reads when you finish the check-in\. For this question I need a number from 0 to 10/,
    );
    for (const v of [8, 6, 9, 8, 5]) await c.say("alex", String(v));
    await c.say("alex", "my dog died on sunday");
    for (const v of [3, 4, 3]) await c.say("alex", String(v));
    const [commentStep] = to(await c.say("alex", "no"), "alex");
    expect(commentStep).toMatch(/What you wrote earlier is in your comment for Dr rivera already/);
    const done = await c.say("alex", "work too");
    const [summary] = to(done, "rivera");
    expect(summary).toContain("honestly it was hard to talk today");
    expect(summary).toContain("my dog died on sunday");
    expect(summary).toContain("work too");
    expect((await c.data("alex")).checkins.at(-1)?.comment).toBe(
      "honestly it was hard to talk today\nmy dog died on sunday\nwork too",
    );
  });

  it("reach the therapist with a Skip at the end, and with a check-in completed at its expiry", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "rough week tbh");
    const [skipped] = to(await c.answerAll("alex", [8, 6, 9, 8, 5, 4, 3, 4, "no"], "skip"), "rivera");
    expect(skipped).toContain("rough week tbh");
    // Every measure answered, the comment left: at the expiry the kept words are its comment.
    await c.say("rivera", "checkin alex");
    await c.say("alex", "not sleeping much");
    for (const v of [8, 6, 9, 8, 5, 4, 3, 4, "no"]) await c.say("alex", String(v));
    const [atExpiry] = to(await c.tick(49 * HOUR), "rivera");
    expect(atExpiry).toContain("not sleeping much");
  });
});

const EN = {
  numbers: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
  out_of: [],
};

describe("a score with a remark", () => {
  it("reads the number and the remark when the remark cannot change the number", () => {
    expect(scoreWithRemark("6. the session felt rushed tbh", 0, 10, EN)).toEqual({
      value: 6,
      remark: "the session felt rushed tbh",
    });
    expect(scoreWithRemark("seven, it was a good one", 0, 10, EN)).toEqual({
      value: 7,
      remark: "it was a good one",
    });
    expect(scoreWithRemark("7.5 - good session", 0, 10, EN)).toEqual({ value: 7.5, remark: "good session" });
    // A filler after the number is no remark: the number alone, nothing kept.
    expect(scoreWithRemark("5 ok", 0, 10, EN)).toEqual({ value: 5, remark: "" });
    for (const text of [
      "8 9 7 7",
      "7 actually no 8",
      "5 but not really",
      "6 or maybe less",
      "4 no wait",
      "11 great session",
      "5 don't know",
      "six to seven honestly",
      "5 and 6 things happened",
    ]) {
      expect(scoreWithRemark(text, 0, 10, EN), text).toBeUndefined();
    }
  });

  it("answers the question, keeps the remark for the comment, and says both", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [next] = to(await c.say("alex", "6. the session felt rushed tbh"), "alex");
    expect(next).toMatch(
      /^Thank you: I've taken 6, and added your words to your comment for Dr rivera\.\n\n2\/9\./,
    );
    const [refused] = to(await c.say("alex", "5 but not really"), "alex");
    expect(refused).toMatch(/^Sorry, I can only use a number/);
    const done = await c.answerAll("alex", [7, 8, 9, 5, 4, 5, 4, "no"], "skip");
    const answers = await c.answers("alex");
    expect(answers.find((a) => a.item === "heard")?.value).toBe(6);
    expect(answers.find((a) => a.item === "goals")?.value).toBe(7);
    expect(to(done, "rivera")[0]).toContain("the session felt rushed tbh");
  });
});
