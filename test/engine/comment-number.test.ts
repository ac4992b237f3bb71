import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const ASKED = "The numbered questions are all done. If you meant that number as your comment, send it again.";
const SCORES = [8, 7, 9, 8, 5, 6, 5, 6, "no"];

/** A check-in answered up to its comment. */
async function atComment(): Promise<void> {
  c = new Conversation();
  await c.enrol();
  await c.say("rivera", "checkin alex");
  for (const v of SCORES) await c.say("alex", String(v));
}

const summaryIn = (ds: readonly { externalId: string; message: { text: string } }[]) =>
  ds.find((d) => d.externalId === "rivera")?.message.text;

describe("a lone number typed at the comment", () => {
  it("is asked about once, with the comment question again; a Skip then skips", async () => {
    await atComment();
    const asked = await c.say("alex", "9");
    expect(summaryIn(asked)).toBeUndefined();
    const [reply] = asked;
    expect(reply?.message.text).toBe(
      `${ASKED}\n\nLast one, and optional. Is there anything you would like Dr rivera to know before your next session? Type it here, or tap Skip.`,
    );
    expect(reply?.message.choices?.map((ch) => ch.value)).toEqual(["skip"]);
    const summary = summaryIn(await c.say("alex", "skip"));
    expect(summary).toBeDefined();
    expect(summary).toContain("Comment: none");
  });

  it("sent again, is the comment", async () => {
    await atComment();
    await c.say("alex", "9");
    expect(summaryIn(await c.say("alex", "9"))).toContain("Comment: 9");
  });

  it("followed by words, the words are the comment, without the number", async () => {
    await atComment();
    await c.say("alex", "10");
    const summary = summaryIn(await c.say("alex", "the session felt rushed"));
    expect(summary).toContain("Comment: the session felt rushed");
    expect(summary).not.toMatch(/Comment: 10/);
  });

  it("a number in words is a comment as before", async () => {
    await atComment();
    expect(summaryIn(await c.say("alex", "9 out of 10 for me today, thanks"))).toContain(
      "Comment: 9 out of 10 for me today, thanks",
    );
  });
});
