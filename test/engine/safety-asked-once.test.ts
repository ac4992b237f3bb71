import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * The check-in's safety question is the question a concern asks at once. A client who answered it
 * after writing something hopeless earlier in the same check-in is not asked it again minutes
 * later; a client whose answer is still awaited, or who did not give one, is asked it as usual.
 */
let c: Conversation;
afterEach(() => c?.close());

const SAFETY = "In the past week, have you had thoughts of harming yourself or of ending your life?";
const HOPELESS = "honestly i dont feel safe";
const toAlex = (ds: Delivery[]) => ds.filter((d) => d.externalId === "alex").map((d) => d.message.text);

async function started(): Promise<void> {
  c = new Conversation();
  await c.enrol();
  await c.say("rivera", "checkin alex");
}

/** The last week question answered ("5"): what came next is the comment's prompt, not the safety question. */
async function lastWeekQuestionLeadsToComment(): Promise<void> {
  const after = toAlex(await c.say("alex", "5"));
  expect(after.join("\n")).not.toContain(SAFETY);
  expect(after.at(-1)).toMatch(/^Last one, and optional/);
}

/** Answers the questions before the week's questions: the alliance's four. */
async function allianceAnswered(): Promise<void> {
  for (const v of [9, 9, 9, 9]) await c.say("alex", String(v));
}

describe("the safety question, asked once in a check-in", () => {
  it("after a concern answered no, the last week question leads to the comment, not to the safety question again", async () => {
    await started();
    await allianceAnswered();
    const asked = toAlex(await c.say("alex", HOPELESS));
    expect(asked.join("\n")).toContain(SAFETY);
    expect(toAlex(await c.say("alex", "no")).join("\n")).toContain("5/9.");
    for (const v of [5, 5, 5]) await c.say("alex", String(v));
    await lastWeekQuestionLeadsToComment();
    const report = await c.say("alex", "skip");
    const summary = report.find((d) => d.externalId === "rivera")?.message.text ?? "";
    // Told as it was asked, never as if the check-in asked it too.
    expect(summary).toContain("Safety question: no when asked after what they wrote.");
    expect(summary).not.toContain("in the check-in");
    // Passed over because it was answered, not left at an expiry.
    expect(summary).not.toContain("not answered");
    const answers = await c.answers("alex");
    expect(answers.map((a) => a.instrument)).not.toContain("safety");
    expect(answers).toHaveLength(8);
  });

  it("a concern written at the safety question itself, answered no, moves on to the comment", async () => {
    await started();
    await allianceAnswered();
    for (const v of [5, 5, 5, 5]) await c.say("alex", String(v));
    const asked = toAlex(await c.say("alex", HOPELESS)).join("\n");
    expect(asked).toContain(SAFETY);
    // Said as the question the client is at, not as a new one ("May I ask you one question…").
    expect(asked).toMatch(/^Thank you for telling me how things are\. So that I understand you rightly/);
    const after = toAlex(await c.say("alex", "no"));
    expect(after.join("\n")).not.toContain(SAFETY);
    expect(after.at(-1)).toMatch(/^Last one, and optional/);
  });

  it("after a concern answered yes and the crisis message, the check-in goes on without the safety question", async () => {
    await started();
    await allianceAnswered();
    await c.say("alex", HOPELESS);
    const crisis = toAlex(await c.say("alex", "yes"));
    expect(crisis.join("\n")).toContain("TEST CRISIS TEXT");
    // The next message after a crisis message gets the question again (CLINICAL.md): here the fifth.
    expect(toAlex(await c.say("alex", "ok")).join("\n")).toContain("5/9.");
    for (const v of [5, 5, 5]) await c.say("alex", String(v));
    await lastWeekQuestionLeadsToComment();
    const report = await c.say("alex", "skip");
    const summary = report.find((d) => d.externalId === "rivera")?.message.text ?? "";
    expect(summary).toContain("Safety question: yes when asked after what they wrote (urgent alert sent).");
    expect(summary).not.toContain("not answered");
    // Before the next session too: one answer, the yes, and no check-in said to have closed before it.
    const episode = (await c.say("rivera", "summary alex")).map((d) => d.message.text).join("\n");
    expect(episode).toMatch(
      /Safety question: yes on [A-Z][a-z]{2} \d+, 2026, when asked after what they wrote \(urgent alert sent\)\./,
    );
    expect(episode).not.toContain("not answered");
  });

  it("a concern whose question got no clear answer leaves the safety question to be asked", async () => {
    await started();
    await allianceAnswered();
    await c.say("alex", HOPELESS);
    await c.say("alex", "hmm");
    await c.say("alex", "dunno");
    for (const v of [5, 5, 5, 5]) await c.say("alex", String(v));
    const answers = await c.answers("alex");
    expect(answers).toHaveLength(8);
    expect(toAlex(c.delivered).at(-1)).toContain(SAFETY);
  });

  it("a concern before the check-in opened leaves the safety question to be asked", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", HOPELESS);
    await c.say("alex", "no");
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5], "5");
    expect(toAlex(c.delivered).at(-1)).toContain(SAFETY);
  });
});
