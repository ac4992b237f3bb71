import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

const ALLIANCE = [9, 8, 7.5, 10];
const PROGRESS = [5, 6, 4, 5];

describe("the check-in loop through the engine", () => {
  let c: Conversation;
  beforeEach(() => {
    c = new Conversation();
  });
  afterEach(() => c.close());

  it("sends 8 items one at a time with 0 to 10 choices, the safety question, the comment, then a summary with the sums", async () => {
    await c.enrol();
    const sent = await c.say("rivera", "checkin alex");
    const toAlex = sent.filter((d) => d.externalId === "alex");
    expect(toAlex[1]?.message.text).toContain("1/9");
    expect(toAlex[1]?.message.choices?.map((ch) => ch.value)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    for (const [i, value] of [...ALLIANCE, ...PROGRESS].entries()) {
      const replies = await c.say("alex", String(value));
      expect(replies[0]?.message.text).toContain(`${i + 2}/9`);
    }
    const safety = c.lastTo("alex").message;
    expect(safety.text).toContain("thoughts of harming yourself");
    expect(safety.choices).toEqual([
      { label: "No", value: "0" },
      { label: "Yes", value: "1" },
    ]);
    const [comment] = await c.say("alex", "no");
    expect(comment?.message.choices).toEqual([{ label: "Skip", value: "skip" }]);
    const done = await c.say("alex", "Rough week <b>& all</b>");
    expect(done.find((d) => d.externalId === "alex")?.message.text).toContain("Thank you");
    // One message for the therapist: title, headline, the warning folded in, then the details.
    const toRivera = done.filter((d) => d.externalId === "rivera");
    expect(toRivera).toHaveLength(1);
    const summary = toRivera[0]?.message;
    expect(summary?.kind).toBe("warning");
    const lines = summary?.text.split("\n") ?? [];
    expect(lines[0]).toMatch(/^alex, check-in 1 · /);
    expect(lines[1]).toBe("Progress 20/40, first check-in · Alliance 34.5/40, first check-in");
    expect(lines[2]).toBe("Warnings:");
    expect(lines[3]).toContain("- Alliance 34.5, below 36: worth talking about in the next session.");
    expect(summary?.text).toContain("Alliance 34.5/40: the first alliance check-in of this episode.");
    expect(summary?.text).toContain("Progress 20/40: the first check-in of this episode.");
    expect(summary?.text).toContain("Approach fits 7.5");
    expect(summary?.text).toContain("Worth asking about (below 9): Worked on what I wanted, Approach fits.");
    // Low items are named once, not repeated under the warning, and their values once, in the items line.
    expect(summary?.text.match(/Approach fits/g)).toHaveLength(2);
    expect(summary?.text.match(/7\.5/g)).toHaveLength(1);
    expect(summary?.text).toContain("Below the clinical cutoff of 25 (adults).");
    expect(summary?.text).toContain("Trajectory: too early to tell");
    expect(summary?.text).toContain("Safety question: no.");
    expect(summary?.text).toContain("Comment: Rough week <b>& all</b>");
    const scored = (await c.answers("alex")).filter((a) => a.instrument !== "safety");
    expect(scored).toHaveLength(8);
    expect(scored.reduce((sum, a) => sum + a.value, 0)).toBe(54.5);
  });

  it("says every alliance item is worth asking about in one line when all are low, not the four again", async () => {
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const done = await c.answerAll("alex", [7, 8, 7, 8, 5, 6, 4, 5, "no"]);
    const text = done.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(text).toContain("Felt heard and respected 7 · Worked on what I wanted 8 · Approach fits 7");
    expect(text).toContain("Worth asking about: every item is below 9.");
    expect(text.match(/Approach fits/g)).toHaveLength(1);
  });

  it("shows the change since the previous check-in in the next summary, and the history", async () => {
    await c.enrol();
    for (const round of [
      [9, 9, 9, 9, 5, 5, 5, 5, "no"],
      [9, 9, 9, 8, 7, 7, 6, 6, "no"],
    ]) {
      await c.say("rivera", "checkin alex");
      await c.answerAll("alex", round);
    }
    const summary = c.delivered.filter((d) => d.externalId === "rivera").at(-1)?.message.text ?? "";
    expect(summary.split("\n")[1]).toBe(
      "Progress 26/40, rising, on track · Alliance 35/40, down 1 since check-in 1 (36)",
    );
    expect(summary).toContain("Alliance 35/40: -1 since the last alliance check-in (36).");
    expect(summary).toContain(
      "Progress 26/40: +6 since the last check-in, +6 since the first (20); recovered (a reliable improvement, now out of the clinical range).",
    );
    expect(summary).toContain("At or above the clinical cutoff of 25 (adults).");
    expect(summary).toContain("Comment: none");
    expect(summary).toContain("- Alliance 35, below 36 and down 1 from 36: worth talking about");
    const [before] = await c.say("rivera", "summary alex");
    expect(before?.message.text).toMatch(/^alex · episode since .* · check-ins: 2, the last on /);
    const [history] = await c.say("rivera", "summary alex --all");
    expect(history?.message.text).toContain("alex: 2 completed check-ins");
    expect(history?.message.text).toMatch(/1\. .*alliance 36 {2}progress 20/);
    expect(history?.message.text).toMatch(/2\. .*alliance 35 {2}progress 26/);
    // "--all" as phones and hurried thumbs write it.
    for (const typed of ["summary alex -all", "summary alex all", "summary alex \u2014all"]) {
      expect((await c.say("rivera", typed))[0]?.message.text, typed).toBe(history?.message.text);
    }
    const [caseload] = await c.say("rivera", "clients");
    expect(caseload?.message.text).toContain(
      "alex: on track, alliance concern, down 1 since check-in 1 (36 → 35), last check-in today",
    );
  });

  it("asks again, kindly, for anything that is not a score, and stores none of it", async () => {
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const bad of ["eleven", "11", "-1", "👍", "", "   ", "7".repeat(5000), "10.5", "7/5"]) {
      const replies = await c.say("alex", bad);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.message.text).toContain("a number from 0 to 10");
      expect(await c.answers("alex")).toEqual([]);
    }
    for (const good of ["7.5", "7/10", " 7 "]) await c.say("alex", good);
    const values = (await c.answers("alex")).map((a) => a.value);
    expect(values.sort()).toEqual([7, 7, 7.5]);
  });

  it("keeps the stored answer when an older question's button is pressed, and says so", async () => {
    await c.enrol();
    const sent = await c.say("rivera", "checkin alex");
    const first = sent.filter((d) => d.externalId === "alex")[1]?.message;
    await c.press("alex", "8", first?.ref);
    const replies = await c.press("alex", "2", first?.ref);
    expect(replies[0]?.message.text).toContain("already answered");
    expect((await c.answers("alex")).map((a) => [a.item, a.value])).toEqual([["heard", 8]]);
  });

  it("accepts a press of the current question's button", async () => {
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const current = c.lastTo("alex").message;
    const replies = await c.press("alex", "6", current.ref);
    expect(replies[0]?.message.text).toContain("2/9");
    expect((await c.answers("alex")).map((a) => [a.item, a.value])).toEqual([["heard", 6]]);
  });

  it("sends the next question before updating the pressed one to show the answer", async () => {
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const current = c.lastTo("alex").message;
    const { replies } = await c.send(
      c.event("alex", { kind: "choice", value: "6", ref: current.ref, source: "message-1" }),
    );
    expect(replies.map((d) => [d.message.text.includes("2/9"), d.message.replaces ?? null])).toEqual([
      [true, null],
      [false, "message-1"],
    ]);
    expect(replies[1]?.message.text).toContain(current.text);
  });

  it("repeats the current question after help, and does not open a second check-in", async () => {
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "9");
    const help = await c.say("alex", "help");
    expect(help[0]?.message.text).toContain("not a crisis service");
    expect(help[0]?.message.text).toContain("TEST CRISIS TEXT");
    expect(help[1]?.message.text).toContain("2/9");
    const again = await c.say("rivera", "/checkin alex");
    expect(again[0]?.message.text).toContain("already has a check-in open (at question 2 of 9)");
    expect((await c.data("alex")).checkins).toHaveLength(1);
  });

  it("asks for a shorter comment when it is too long, then keeps it", async () => {
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (let i = 0; i < 8; i++) await c.say("alex", "8");
    await c.say("alex", "no");
    const tooLong = await c.say("alex", "x".repeat(2001));
    expect(tooLong[0]?.message.text).toContain("2000 characters");
    await c.say("alex", "y".repeat(2000));
    expect((await c.data("alex")).checkins.map((ch) => ch.comment?.length)).toEqual([2000]);
  });
});
