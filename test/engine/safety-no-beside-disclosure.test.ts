import { afterEach, describe, expect, it } from "vitest";
import type { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

let c: Conversation;
afterEach(() => c?.close());

// Regression: "no" at the safety question, then "ive been thinking about how id do it. i have a plan"
// as the comment. The summary listed the disclosure and, under it, "Safety question: no." alone.
describe("a check-in's no to the safety question beside a disclosure in the same check-in", () => {
  it("is said beside it, not as if it settled it", async () => {
    c = await atSafetyQuestion([6, 6, 6, 6, 3, 3, 3, 3]);
    await c.say("alex", "no");
    const sent = await c.say("alex", "ive been thinking about how id do it. i have a plan");
    const summary = sent.find((d) => d.externalId === "rivera" && d.message.text.includes("check-in 1"));
    expect(summary?.message.text).toContain(
      "Safety question: no, yet in the same check-in they wrote the disclosure above: the no does not settle it.",
    );
    expect(summary?.message.text).not.toMatch(/Safety question: no\.$/m);
  });

  it("a no with no risk words anywhere reads as before", async () => {
    c = await atSafetyQuestion([6, 6, 6, 6, 3, 3, 3, 3]);
    await c.say("alex", "no");
    const sent = await c.say("alex", "work was a lot this week");
    const summary = sent.find((d) => d.externalId === "rivera" && d.message.text.includes("check-in 1"));
    expect(summary?.message.text).toMatch(/^Safety question: no\.$/m);
  });
});
