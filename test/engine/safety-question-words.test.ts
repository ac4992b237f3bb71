import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import type { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Words typed at a check-in's safety question reach the therapist with the check-in's comment:
 * something else on the client's mind ("work is insane rn"), and an unsure answer ("idk, probably
 * not") that the client then leaves. Regression: both were dropped.
 */
let c: Conversation;
afterEach(() => c.close());

async function atSafety(): Promise<void> {
  c = await atSafetyQuestion([9, 9, 9, 9, 6, 6, 6, 6]);
}

const lastToAlex = (ds: readonly Delivery[]) =>
  ds.filter((d) => d.externalId === "alex").at(-1)?.message.text ?? "";

describe("words at the check-in's safety question", () => {
  it("are kept for the comment, and the client is told so, before the question again", async () => {
    await atSafety();
    const reply = lastToAlex(await c.say("alex", "work is insane rn"));
    expect(reply).toMatch(/^Thank you for telling me\. I've added it to your comment, which Dr rivera reads/);
    await c.say("alex", "no");
    await c.say("alex", "skip");
    expect((await c.data("alex")).checkins.at(-1)?.comment).toBe("work is insane rn");
  });

  it("an unsure answer is kept too, asked again as unsure, and found by the therapist when the check-in lapses", async () => {
    await atSafety();
    const reply = lastToAlex(await c.say("alex", "idk, probably not"));
    expect(reply).toMatch(/^It's all right not to be sure/);
    const lapsed = await c.tick(3 * 24 * 60 * 60_000);
    const summary = lapsed.find(
      (d) => d.externalId === "rivera" && d.message.text.startsWith("alex, check-in 1"),
    );
    // Read as what it is, an unclear answer to the safety question, not as a comment.
    expect(summary?.message.text).toContain('Safety question: no clear answer ("idk, probably not")');
    expect(summary?.message.text).toContain("Comment: none");
  });
});
