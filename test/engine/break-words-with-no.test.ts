import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import type { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

// Regression: "no check ins dec 20 - jan 5 pls" at the safety question was read as its No ("Safety
// question: no.", and the "yes please" after it became the comment); no break was offered.
describe("a break asked for in words that start with no, at the safety question", () => {
  it.each([
    ["no check ins dec 20 - jan 5 pls", /^stop 2026-12-20\.\.2027-01-05$/],
    ["no checkins next week pls, im away", /^stop until \d{4}-\d\d-\d\d$/],
  ])("%j gets the break offer beside the question, not a no", async (words, value) => {
    c = await atSafetyQuestion([8, 8, 8, 8, 6, 6, 6, 6]);
    const [offer] = (await c.say("alex", words)).filter((d) => d.externalId === "alex");
    expect(offer?.message.text).toMatch(/9\/9\. In the past week/);
    expect(offer?.message.choices?.map((ch) => ch.label).slice(0, 2)).toEqual(["No", "Yes"]);
    expect(offer?.message.choices?.at(-1)?.value).toMatch(value);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")).toBeUndefined();
    await c.tick(60_000);
    const which = await c.say("alex", "yes please");
    expect(texts(which, "alex")[0]).toMatch(
      /^Is that about the break, or your answer to the question below\?/,
    );
    expect(texts(which, "rivera")).toEqual([]);
  });

  it("a plain no still answers it", async () => {
    c = await atSafetyQuestion([8, 8, 8, 8, 6, 6, 6, 6]);
    await c.say("alex", "no");
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(0);
  });
});
