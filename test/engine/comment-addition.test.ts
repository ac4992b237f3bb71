import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// A comment sent in parts ("ok so", then the real message) keeps every part: the words soon
// after the check-in are added to its comment and reach the therapist.
let c: Conversation | undefined;
afterEach(() => c?.close());

const MINUTE = 60_000;
const to = (ds: { externalId: string; message: { text: string } }[], who: string) =>
  ds.filter((d) => d.externalId === who).map((d) => d.message.text);

async function finished(comment: string): Promise<Conversation> {
  const conversation = new Conversation();
  await conversation.enrol();
  await conversation.say("rivera", "checkin alex");
  for (const v of ["8", "8", "8", "8", "5", "5", "5", "5", "no"]) await conversation.say("alex", v);
  await conversation.say("alex", comment);
  return conversation;
}

describe("words soon after the comment", () => {
  it("are added to the comment, and the therapist reads them", async () => {
    c = await finished("ok so");
    await c.tick(2 * MINUTE);
    const more = "my mother moved in with us and i can't sleep, and i want to talk about how often we meet";
    const replies = await c.say("alex", more);
    expect(to(replies, "alex")).toEqual(["Thank you, I've added that to your check-in for Dr rivera."]);
    expect(to(replies, "rivera")).toEqual([`alex added to their check-in comment, in their words:\n${more}`]);
    const [summary] = await c.say("rivera", "summary alex");
    // The parts stay apart on the summary's one line, not run together ("ok so my mother…").
    expect(summary?.message.text).toContain("ok so / my mother moved in with us");
  });

  it("after a Skip too, but not ten minutes later, nor after a check-in that closed at its expiry", async () => {
    c = await finished("skip");
    const [added] = to(await c.say("alex", "actually one thing, work is really hard"), "alex");
    expect(added).toContain("I've added that");
    await c.tick(11 * MINUTE);
    const [late] = to(await c.say("alex", "and my sleep is bad"), "alex");
    expect(late).toMatch(/^Thank you for writing\. I only ask the check-in questions/);
    c.close();
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of ["8", "8", "8", "8", "5", "5", "5", "5"]) await c.say("alex", v);
    await c.tick(48 * 60 * MINUTE + MINUTE);
    const [expired] = to(await c.say("alex", "sorry i forgot about this"), "alex");
    expect(expired).toMatch(/^Thank you for writing\./);
  });

  it("a wish for a break or a number is not added", async () => {
    c = await finished("fine");
    const [pause] = to(await c.say("alex", "pls stop messaging me"), "alex");
    expect(pause).toContain("type stop");
    const [number] = to(await c.say("alex", "7"), "alex");
    expect(number).toMatch(/^There is no check-in open right now/);
  });

  it.each([
    [
      "wait 5 not 6",
      /^That check-in is already finished and sent to Dr rivera, so I can't change its answers/,
    ],
    ["i meant 5 for question 2", /^That check-in is already finished/],
    ["undo", /^That check-in is already finished/],
    ["where were we", /^Your check-in is finished and sent to Dr rivera/],
  ])("%j just after the end gets a short reply, and the therapist gets nothing", async (typed, reply) => {
    c = await finished("skip");
    await c.tick(MINUTE);
    const replies = await c.say("alex", typed);
    expect(to(replies, "alex")).toEqual([expect.stringMatching(reply)]);
    expect(to(replies, "rivera")).toEqual([]);
  });
});
