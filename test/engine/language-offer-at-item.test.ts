import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import type { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

// Regression: "can we do this in spanish" at the safety question got the offer with only its
// language button, not the question again, and the client's "yes please" was read as a yes to the
// safety question: a crisis message and a false URGENT alert, and the language was not switched.
describe("a language asked for at the safety question", () => {
  it("shows the question again with the offer, both sets of buttons", async () => {
    c = await atSafetyQuestion([8, 8, 8, 8, 6, 6, 6, 6]);
    const [offer] = (await c.say("alex", "can we do this in spanish")).filter((d) => d.externalId === "alex");
    expect(offer?.message.text).toMatch(/^Puedo escribirte en español/);
    expect(offer?.message.text).toMatch(/9\/9\. In the past week/);
    expect(offer?.message.choices?.map((ch) => ch.value)).toEqual(["0", "1", "lang:es"]);
  });

  it("a typed yes right after it is asked which it meant, with no alert", async () => {
    c = await atSafetyQuestion([8, 8, 8, 8, 6, 6, 6, 6]);
    await c.say("alex", "can we do this in spanish");
    await c.tick(60_000);
    const asked = await c.say("alex", "yes please");
    expect(asked.some((d) => d.message.urgent)).toBe(false);
    expect(texts(asked, "rivera")).toEqual([]);
    const [which] = asked.filter((d) => d.externalId === "alex");
    expect(which?.message.text).toMatch(
      /^Is that about the language, or your answer to the question below\?/,
    );
    expect(which?.message.choices?.map((ch) => ch.value)).toEqual(["0", "1", "lang:es"]);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")).toBeUndefined();
    // The language button switches, and the question comes again in Spanish.
    const switched = await c.press("alex", "lang:es");
    expect(texts(switched, "alex").join("\n")).toMatch(/9\/9\./);
    expect((await c.client("alex"))?.language).toBe("es");
  });

  it("at a score question, the question comes again with the offer; a yes is read as ever", async () => {
    c = await atSafetyQuestion([8]);
    const [offer] = (await c.say("alex", "can we do this in spanish")).filter((d) => d.externalId === "alex");
    expect(offer?.message.text).toMatch(/2\/9\./);
    expect(offer?.message.choices?.at(-1)?.value).toBe("lang:es");
  });
});
