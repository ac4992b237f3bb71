import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import type { Conversation } from "../helpers/conversation.js";
import { atPhqItemNine, atSafetyQuestion, phqGadPrompts } from "../helpers/measures.js";

/**
 * An unclear answer to a risk item that a clear no settles in the same check-in ("yeah nah", asked
 * again, then "nah") is no risk: the therapist reads the no, not a "Risk:" line about the words
 * before it. Tried in the console, where such a client's summary opened with a risk concern.
 */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c?.close());

const toRivera = (ds: Delivery[]) => ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);

describe("an unclear answer settled by a clear no", () => {
  it("at the safety question: the summary, summary ALIAS and the digest say no, with no risk line", async () => {
    c = await atSafetyQuestion();
    await c.say("alex", "yeah nah");
    await c.say("alex", "nah");
    const [summary] = toRivera(await c.say("alex", "skip"));
    expect(summary).toContain("Safety question: no.");
    expect(summary).not.toContain("Risk:");
    expect(summary).not.toContain("yeah nah");
    const [before] = toRivera(await c.say("rivera", "summary alex"));
    expect(before).not.toContain("no clear answer");
    const week = [...(await c.tickTo("2026-11-30T08:05:00Z")), ...(await c.tickTo("2026-12-07T08:05:00Z"))];
    const digest = toRivera(week).join("\n");
    expect(digest).toContain("Weekly digest");
    expect(digest).not.toContain("no clear answer");
  });

  it("left unclear, or followed by a yes, it stays", async () => {
    c = await atSafetyQuestion();
    await c.say("alex", "not sure");
    await c.say("alex", "yes");
    const [before] = toRivera(await c.say("rivera", "summary alex"));
    expect(before).toContain("no clear answer to the safety question");
    expect(before).toContain('"not sure"');
  });

  it('at the PHQ-9\'s ninth item: a 0 after "not sure" leaves no risk line', async () => {
    c = await atPhqItemNine(dir);
    await c.say("alex", "not sure");
    const done = await c.say("alex", "0");
    const [summary] = toRivera([...done, ...(await c.say("alex", "skip"))]);
    expect(summary).toBeDefined();
    expect(summary).not.toContain("not sure");
  });

  it("at the safety question, words that say more than an unclear answer stay as the comment", async () => {
    c = await atSafetyQuestion();
    await c.say("alex", "not sure, nights are hard lately");
    await c.say("alex", "no");
    const [summary] = toRivera(await c.say("alex", "skip"));
    expect(summary).toContain("Safety question: no.");
    expect(summary).toContain("nights are hard lately");
  });

  it('"i want to stop them" at the safety question is kept for the therapist, not met with how to stop', async () => {
    c = await atSafetyQuestion();
    const [asked] = (await c.say("alex", "i want to stop them")).map((d) => d.message.text);
    expect(asked).not.toContain("If you want to stop the check-ins");
    await c.say("alex", "no");
    const [summary] = toRivera(await c.say("alex", "skip"));
    expect(summary).toContain("i want to stop them");
  });

  it("settled in a check-in that closed unfinished: the notice and summary ALIAS say nothing of it", async () => {
    c = await atPhqItemNine(dir, ["phq9", "gad7"]);
    await c.say("alex", "not sure");
    await c.say("alex", "0");
    const told = toRivera(await c.tick(8 * 24 * 3_600_000)).join("\n");
    expect(told).not.toContain("not sure");
    const [later] = toRivera(await c.say("rivera", "summary alex"));
    expect(later).not.toContain("not sure");
  });
});
