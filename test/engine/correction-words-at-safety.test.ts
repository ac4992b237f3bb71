import { afterEach, describe, expect, it } from "vitest";
import type { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Regression: "i mean yeah sometimes" at the check-in's safety question was taken as a failed
 * correction of the question before ("To change an answer, write for example…"), and its words
 * were dropped: a tapped no after it left the summary with "Safety question: no".
 */
let c: Conversation | undefined;
afterEach(() => {
  c?.close();
  c = undefined;
});

const texts = (ds: { externalId: string; message: { text: string } }[], who: string) =>
  ds.filter((d) => d.externalId === who).map((d) => d.message.text);

describe("words of correction at the safety question that correct nothing", () => {
  it.each(["i mean yeah sometimes", "i mean sometimes but i wouldnt do anything", "i mean, kind of"])(
    "%j answers it: an URGENT alert, no correction help",
    async (text) => {
      c = await atSafetyQuestion();
      const sent = await c.say("alex", text);
      expect(texts(sent, "alex").join("\n")).not.toMatch(/To change an answer/);
      expect(texts(sent, "rivera")[0]).toMatch(/^URGENT: alex may be at risk\./);
    },
  );

  it("a correction with a number still corrects the question before", async () => {
    c = await atSafetyQuestion();
    const [reply] = texts(await c.say("alex", "wait i meant 3"), "alex");
    expect(reply).toMatch(/changed your answer to question 8 to 3/);
    expect(
      (await c.answers("alex")).find((a) => a.item === "overall" && a.instrument === "progress")?.value,
    ).toBe(3);
  });
});

// Regression: a stray "5" at the safety question got "It's all right not to be sure".
describe("a number at the safety question", () => {
  it("is told the question wants a yes or a no, not that it is all right not to be sure", async () => {
    c = await atSafetyQuestion();
    const [reply] = texts(await c.say("alex", "5"), "alex");
    expect(reply).toMatch(/^This question needs a yes or a no rather than a number/);
    expect(reply).toMatch(/9\/9\. In the past week/);
  });
});
