import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Regression: an English "six" at a 0-10 item got "nur eine Zahl von 0 bis 10", and
 * words of another language at the safety question were no answer. Now a number word or a clear
 * yes or no of any shipped language (en, de, es) is read, in whichever the client is written to.
 */
let c: Conversation;
afterEach(() => c?.close());

const toAlex = (ds: Delivery[]) => ds.filter((d) => d.externalId === "alex").map((d) => d.message.text);
const toRivera = (ds: Delivery[]) => ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);
const safetyOf = async () => (await c.answers("alex")).find((a) => a.instrument === "safety")?.value;

describe("number words of the other shipped languages", () => {
  it.each([
    ["de", "six", 6],
    ["de", "siete", 7],
    ["en", "sechs", 6],
    ["en", "fuenf", 5],
    ["es", "eight", 8],
  ])("a client in %s typing %j at a 0-10 item gives %d", async (language, typed, value) => {
    c = new Conversation();
    await c.enrol();
    if (language !== "en") await c.say("rivera", `language alex ${language}`);
    await c.say("rivera", "checkin alex");
    await c.say("alex", typed);
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([value]);
  });
});

describe("yes and no of the other shipped languages at the safety question", () => {
  it.each([
    ["de", "nah"],
    ["de", "never"],
    ["de", "nunca"],
    ["en", "nein"],
    ["en", "nö"],
    ["es", "nein"],
    ["es", "nah"],
  ])("a client in %s: %j is a no", async (language, typed) => {
    c = await atSafetyQuestion([8, 8, 8, 8, 5, 5, 5, 5], language);
    await c.say("alex", typed);
    expect(await safetyOf()).toBe(0);
  });

  it.each([
    ["en", "ja"],
    ["en", "sí"],
    ["de", "yeah"],
    ["de", "sometimes"],
    ["es", "manchmal"],
  ])("a client in %s: %j is a yes, with the crisis message and an alert", async (language, typed) => {
    c = await atSafetyQuestion([8, 8, 8, 8, 5, 5, 5, 5], language);
    const replies = await c.say("alex", typed);
    expect(await safetyOf()).toBe(1);
    expect(toRivera(replies).join("\n")).not.toBe("");
  });

  it.each([
    // A word that is something else in the client's language: Spanish "ya" is "already".
    ["es", "ya"],
    // The hedges stay: not knowing beside a no is asked again, in any language.
    ["de", "nah idk"],
    ["en", "nein, aber manchmal"],
  ])("a client in %s: %j is no clear no", async (language, typed) => {
    c = await atSafetyQuestion([8, 8, 8, 8, 5, 5, 5, 5], language);
    const replies = await c.say("alex", typed);
    expect(await safetyOf()).not.toBe(0);
    expect(toAlex(replies).length).toBeGreaterThan(0);
  });
});
