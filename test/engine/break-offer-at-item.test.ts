import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

// Regression: "can we take a break till january after this one" at the safety question got the break
// line without its date or button, and the client's "yes please" was read as a yes to the safety
// question: a crisis message and an URGENT alert.
describe("a break asked for at a check-in's question", () => {
  it("gets the dated line and a pause button beside the question's", async () => {
    c = await atSafetyQuestion([8, 8, 8, 8, 6, 6, 6, 6]);
    const [offer] = (await c.say("alex", "can we take a break till january after this one")).filter(
      (d) => d.externalId === "alex",
    );
    expect(offer?.message.text).toMatch(
      /^If you'd like a break from the check-ins until Jan 1, \d{4}, tap the button/,
    );
    expect(offer?.message.text).toMatch(/9\/9\. In the past week/);
    const labels = offer?.message.choices?.map((ch) => ch.label);
    expect(labels?.slice(0, 2)).toEqual(["No", "Yes"]);
    expect(offer?.message.choices?.at(-1)?.value).toMatch(/^stop until \d{4}-01-01$/);
  });

  it("at the safety question, a typed yes is asked which it meant, with no alert", async () => {
    c = await atSafetyQuestion([8, 8, 8, 8, 6, 6, 6, 6]);
    await c.say("alex", "can we take a break till january after this one");
    const asked = await c.say("alex", "yes please");
    expect(asked.some((d) => d.message.urgent)).toBe(false);
    expect(texts(asked, "rivera")).toEqual([]);
    const [which] = asked.filter((d) => d.externalId === "alex");
    expect(which?.message.text).toMatch(/^Is that about the break, or your answer to the question below\?/);
    expect(which?.message.choices?.at(-1)?.value).toMatch(/^stop until /);
    // The pause button pauses, until the day named.
    const paused = await c.press("alex", which?.message.choices?.at(-1)?.value ?? "");
    expect(texts(paused, "alex")[0]).toMatch(/paused/i);
    expect((await c.client("alex"))?.pausedUntil).toBeTruthy();
  });

  it("at a score question, a typed yes pauses as the button does; a no asks the question again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
    await c.say("alex", "can we pause for 2 weeks");
    const no = await c.say("alex", "no thanks");
    expect(texts(no, "alex")[0]).toMatch(/^Alright, nothing changes.*\n\n2\/9\./s);
    await c.say("alex", "can we pause for 2 weeks");
    const yes = await c.say("alex", "yes pls");
    expect(texts(yes, "alex")[0]).toMatch(/paused/i);
    expect((await c.client("alex"))?.pausedAt).toBeTruthy();
  });
});
