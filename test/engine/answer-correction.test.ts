import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * A client who gave the wrong answer says so ("wait I meant 5", "sorry wrong button, i meant yes"):
 * the answer before is corrected, and they are told so. A mis-tapped No to the safety question,
 * corrected at the comment, is a yes: the crisis message and the urgent alert, not a comment.
 */
let c: Conversation;
afterEach(() => c?.close());

const toAlex = (ds: Delivery[]) => ds.filter((d) => d.externalId === "alex").map((d) => d.message.text);
const toRivera = (ds: Delivery[]) => ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);

async function started(): Promise<void> {
  c = new Conversation();
  await c.enrol();
  await c.say("rivera", "checkin alex");
}

describe("correcting the answer just given", () => {
  it("'wait 8 not 3' after a 4, neither number the answer, gets how to correct one", async () => {
    await started();
    await c.say("alex", "4");
    const [reply] = toAlex(await c.say("alex", "wait 8 not 3"));
    expect(reply).toMatch(/^To change an answer, write for example/);
    expect(reply).toMatch(/2\/9\./);
  });

  it("'wait I meant 5' corrects the first answer and asks the second question again", async () => {
    await started();
    await c.say("alex", "8");
    const replies = toAlex(await c.say("alex", "wait I meant 5"));
    expect(replies[0]).toBe("Thanks, I've changed your answer to question 1 to 5.");
    expect(replies[1]).toMatch(/^2\/9\./);
    // A plain number still answers the question now asked.
    expect(toAlex(await c.say("alex", "6")).at(-1)).toMatch(/^3\/9\./);
    const answers = await c.answers("alex");
    expect(Object.fromEntries(answers.map((a) => [a.item, a.value]))).toMatchObject({ heard: 5, goals: 6 });
    for (const v of ["7", "7", "4", "4", "4", "4", "0"]) await c.say("alex", v);
    const summary = toRivera(await c.say("alex", "skip")).join("\n");
    expect(summary).toContain("Felt heard and respected 5");
  });

  it("names the question it corrects, and says how to correct when it cannot tell which or to what", async () => {
    await started();
    await c.say("alex", "8");
    await c.say("alex", "7");
    const named = toAlex(await c.say("alex", "I meant 5 for the first question"));
    expect(named[0]).toBe("Thanks, I've changed your answer to question 1 to 5.");
    expect(named[1]).toMatch(/^3\/9\./);
    for (const text of ["ugh wrong one", "wait I meant 50", "oops q5 should be 4", "oops 3 not 9"]) {
      const [reply] = toAlex(await c.say("alex", text));
      expect(reply, text).toMatch(
        /^To change an answer, write for example "I meant 5" \(for the question just before\) or "I meant 5 for question 2"\.\n\n3\/9\./,
      );
    }
    const answers = Object.fromEntries((await c.answers("alex")).map((a) => [a.item, a.value]));
    expect(answers).toEqual({ heard: 5, goals: 7 });
  });

  it("at the comment, words of correction that are not a short correction are the comment", async () => {
    await started();
    for (const v of ["7", "7", "6", "6", "4", "4", "4", "4"]) await c.say("alex", v);
    await c.press("alex", "0");
    const summary = toRivera(await c.say("alex", "made a mistake at work, 3 days off now")).join("\n");
    expect(summary).toContain("Comment: made a mistake at work, 3 days off now");
  });

  it("'sorry wrong button, i meant yes' after No at the safety question is a yes: crisis message and urgent alert", async () => {
    await started();
    for (const v of ["7", "7", "6", "6", "4", "4", "4", "4"]) await c.say("alex", v);
    await c.press("alex", "0");
    const replies = await c.say("alex", "sorry wrong button, i meant yes");
    const alex = toAlex(replies);
    // The crisis message goes ahead of everything else queued for the client.
    expect(alex[0]).toContain("TEST CRISIS TEXT");
    expect(alex[1]).toBe("Thanks, I've changed your answer to question 9 to Yes.");
    const alert = toRivera(replies).join("\n");
    expect(alert).toMatch(/^URGENT: alex may be at risk/);
    expect(alert).toContain("they answered yes to the safety question");
    expect(alert).toContain("sorry wrong button, i meant yes");
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
    // Only the comment was left: the summary goes with the alert, and says yes, once.
    const summary = toRivera(replies).join("\n");
    expect(summary).toContain("alex, check-in 1");
    expect(summary).toContain("Safety question: yes.");
    expect(summary).not.toContain("Safety question: no");
    expect(summary).not.toContain("Comment: sorry wrong button");
  });

  it("at the comment, words that name the answer already given are the comment, not a correction", async () => {
    await started();
    for (const v of ["7", "7", "6", "6", "4", "4", "4", "4"]) await c.say("alex", v);
    await c.press("alex", "0");
    // "wait i meant 6" at the comment is for an earlier question: how to name it, and the comment again.
    const [help] = toAlex(await c.say("alex", "wait i meant 6"));
    expect(help).toMatch(/^To change an answer, write for example[\s\S]*Last one, and optional/);
    const replies = await c.say("alex", "oops i meant no, all fine");
    expect(toAlex(replies).join("\n")).not.toContain("I've changed your answer");
    expect(toRivera(replies).join("\n")).toContain("Comment: oops i meant no, all fine");
  });

  it("a yes to the safety question is not taken back by 'oops i meant no': the words reach the therapist", async () => {
    await started();
    for (const v of ["7", "7", "6", "6", "4", "4", "4", "4"]) await c.say("alex", v);
    const yes = await c.press("alex", "1");
    await c.say("alex", "ok");
    const replies = await c.say("alex", "oops i meant no");
    expect(toAlex(replies).join("\n")).not.toContain("I've changed your answer");
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
    expect(toRivera(replies).join("\n")).toContain("oops i meant no");
    // The client asked for something, and is told what became of it; the check-in's summary went
    // with the yes, its only question left being the comment.
    expect(toAlex(replies)).toEqual([
      expect.stringMatching(/^Thank you for letting me know\. I can't change that answer now/),
    ]);
    expect(toRivera(yes).join("\n")).toContain("Safety question: yes.");
    expect((await c.data("alex")).checkins[0]?.comment).toBeNull();
  });

  it("'wait i meant no, wrong button' right after the crisis message is told the yes stands", async () => {
    await started();
    for (const v of ["7", "7", "6", "6", "4", "4", "4", "4"]) await c.press("alex", v);
    await c.press("alex", "1");
    const replies = await c.say("alex", "oh no wait i meant no, sorry wrong button");
    expect(toAlex(replies)[0]).toContain("so they will know it may have been the wrong button");
    expect(toRivera(replies).join("\n")).toContain(
      'also wrote (no risk words): "oh no wait i meant no, sorry wrong button"',
    );
  });

  it("after a disclosure in words, 'i meant no' retracts no answer and gets the usual warm line", async () => {
    await started();
    await c.say("alex", "i want to kill myself");
    const [reply] = toAlex(await c.say("alex", "sorry i meant no"));
    expect(reply).toMatch(/^Thank you for telling me\. Your therapist will see this too/);
  });
});
