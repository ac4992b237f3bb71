import { afterEach, describe, expect, it } from "vitest";
import { joinedPlan } from "../../src/engine/checkin/session-join.js";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const DAY = 24 * 3_600_000;
const EARLIER_CLOSED =
  "Your earlier check-in has closed, and the answers you gave in it are kept for Dr rivera.";

/** The messages to alex among these, their texts. */
const toAlex = (ds: readonly { externalId: string; message: { text: string } }[]) =>
  ds.filter((d) => d.externalId === "alex").map((d) => d.message.text);

/** A split schedule (progress an hour before Monday's 12:00 session, alliance after it), enrolled. */
async function splitSchedule(): Promise<void> {
  c = new Conversation({ schedule: { plan: "split", progressBeforeMinutes: 60 } });
  c.clock.set(new Date("2026-11-02T09:00:00Z"));
  await c.enrol();
  await c.say("rivera", "schedule alex weekly mon 12:00 50m");
  await c.tickTo("2026-11-02T11:00:00Z");
}

describe("a split schedule's session part while its progress part is half answered", () => {
  it("joins it: the client's next tap answers the progress question in front of them, and the therapist gets one check-in", async () => {
    await splitSchedule();
    await c.say("alex", "6");
    await c.say("alex", "7");
    const after = toAlex(await c.tickTo("2026-11-02T13:00:00Z"));
    expect(after[0]).toMatch(
      /^Your session with Dr rivera is over: the questions still open from before it come first, then 4 quick questions about the session/,
    );
    // Where they were, counted out of the joined check-in: the session's questions before the safety question.
    expect(after[1]).toMatch(/^3\/9\. How have things been at work, school or with friends\?/);
    expect(after.join("\n")).not.toContain("Time for your check-in");
    const [third] = toAlex(await c.say("alex", "5"));
    expect(third).toMatch(/^4\/9\. Overall, how has the past week been/);
    const [first] = toAlex(await c.say("alex", "6"));
    expect(first).toContain("Four questions about your last session.");
    const done = await c.answerAll("alex", [9, 9, 9, 9, "no"]);
    const summary = done.find((d) => d.externalId === "rivera")?.message.text ?? "";
    // One check-in, numbered 1, with both parts; the 5 is progress, not "Felt heard 5".
    expect(summary.split("\n")[0]).toMatch(/^alex, check-in 1 · [^(]*$/);
    expect(summary).toContain("Progress 24/40");
    expect(summary).toContain("Alliance 36/40");
    expect(summary).not.toContain("below 36");
    expect((await c.data("alex")).checkins).toHaveLength(1);
  });

  it("keeps its reminder and its expiry: a joined check-in left again is reminded where it stands, then closes", async () => {
    await splitSchedule();
    await c.say("alex", "6");
    await c.tickTo("2026-11-02T13:00:00Z");
    // The reminder of the check-in sent at 11:00 (4 hours on) shows the question in front of them.
    const reminded = toAlex(await c.tickTo("2026-11-02T15:00:00Z"));
    expect(reminded.join("\n")).toMatch(/2\/9\. How have things been in your close relationships/);
    await c.tick(2 * DAY);
    const [closed] = (await c.data("alex")).checkins;
    expect(closed).toMatchObject({ status: "expired" });
  });

  it("does not join a part the client never began: it gives way to the session's, as before, with nothing to say about it", async () => {
    await splitSchedule();
    const after = toAlex(await c.tickTo("2026-11-02T13:00:00Z"));
    expect(after[0]).toMatch(/^Time for your check-in after your session with Dr rivera: 4 quick/);
    expect(after[1]).toMatch(/1\/4\. In the last session I felt heard/);
  });
});

describe("a new check-in that closes one the client had begun", () => {
  it("says so in its first line, and the therapist's title counts it as begun, not unanswered", async () => {
    c = new Conversation({ schedule: { expireAfterHours: 240 } });
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol();
    await c.say("rivera", "schedule alex weekly mon 12:00 50m");
    await c.tickTo("2026-11-02T13:00:00Z");
    for (const v of [6, 7]) await c.say("alex", String(v));
    // A week on, the next session's check-in comes while that one is still open.
    const next = toAlex(await c.tickTo("2026-11-09T13:00:00Z"));
    const opening = next.find((t) => t.includes("Time for your check-in"));
    expect(opening?.split("\n")).toEqual([
      EARLIER_CLOSED,
      expect.stringMatching(/^Time for your check-in after your session with Dr rivera: 9 quick/),
    ]);
    const done = await c.answerAll("alex", [8, 8, 8, 8, 7, 7, 7, 7, "no"]);
    const title = done.find((d) => d.externalId === "rivera")?.message.text.split("\n")[0];
    expect(title).toMatch(/^alex, check-in 2 · .* \(1 begun but closed unfinished before it\)$/);
  });

  it("a check-in the therapist sent by hand and the client began is not joined by the session part: it closes, and the new one says so", async () => {
    await splitSchedule();
    // The progress part answered, then the therapist sends the whole check-in by hand.
    await c.answerAll("alex", [7, 7, 7, 7, "no"]);
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
    const after = toAlex(await c.tickTo("2026-11-02T13:00:00Z"));
    expect(after[0]?.split("\n")[0]).toBe(EARLIER_CLOSED);
    expect(after[1]).toMatch(/1\/4\. In the last session I felt heard/);
  });
});

describe("joinedPlan", () => {
  const p = (instrument: string, item = "i") => ({ instrument, item });
  const week = [p("progress", "a"), p("progress", "b"), p("safety", "s")];
  const session = [p("alliance", "x"), p("alliance", "y")];
  it("puts the session's questions before a safety question not reached yet, else after everything", () => {
    expect(joinedPlan({ plan: week, step: 1 }, session)).toEqual([week[0], week[1], ...session, week[2]]);
    // At the safety question, or past it at the comment: what the client is looking at stays in front of them.
    expect(joinedPlan({ plan: week, step: 2 }, session)).toEqual([...week, ...session]);
    expect(joinedPlan({ plan: week, step: 3 }, session)).toEqual([...week, ...session]);
    expect(joinedPlan({ plan: week.slice(0, 2), step: 1 }, session)).toEqual([
      ...week.slice(0, 2),
      ...session,
    ]);
  });
  it("joins nothing to a check-in that asks about the session already", () => {
    expect(joinedPlan({ plan: [...session, ...week], step: 1 }, session)).toBeUndefined();
    expect(joinedPlan({ plan: week, step: 1 }, [])).toBeUndefined();
  });
});
