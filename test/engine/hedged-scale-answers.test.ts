import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { soundsLikeAnswer } from "../../src/engine/checkin/answer-like.js";
import { Conversation } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/**
 * An answer hedged with a question mark ("kinda? like half the time", "vlt 5?", "maybe 6?") is an
 * answer said unsure: read when the item can read it, else asked again in the ordinary way.
 * Regression: each got the reply to a question about who sees the answers.
 */
let c: Conversation;
afterEach(() => c?.close());

const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mine = async (text: string) =>
  (await c.say("alex", text)).filter((d) => d.externalId === "alex").map((d) => d.message.text);
const PRIVACY = /^(?:In short|Kurz gesagt|En resumen)/;

describe("a hedged answer with a question mark", () => {
  it.each([
    ["en", "maybe 6?", 6],
    ["en", "hmm 4?", 4],
    ["de", "vlt 5?", 5],
    ["es", "quizás 7?", 7],
  ])("%s: %j at a 0-10 question is read", async (language, typed, value) => {
    c = new Conversation();
    await c.enrol();
    if (language !== "en") await c.say("rivera", `language alex ${language}`);
    await c.say("rivera", "checkin alex");
    const [next] = await mine(typed);
    expect(next).toMatch(/^2\/9\./);
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([value]);
  });

  it("'kinda?' at a 0-10 question is asked again as a number, not answered with who sees it", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [again] = await mine("kinda?");
    expect(again).not.toMatch(PRIVACY);
    expect(again).toMatch(/^Sorry, I can only use a number from 0 to 10/);
  });

  it("'kinda? like half the time' at a frequency item asks which of the two, as 'often' does", async () => {
    c = new Conversation({ checkin: { instruments: ["gad7"] } }, "console", [], dir);
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [again] = await mine("kinda? like half the time");
    expect(again).toMatch(/^That could be more than one of these/);
    expect(await c.answers("alex")).toEqual([]);
    // An answer word after the hedge is taken.
    await mine("kinda? sometimes");
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([1]);
  });

  it("at the safety question, 'no?', 'maybe 0?' and 'idk 0' are asked again kindly, with no answer kept", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 9, 9, 5, 5, 5, 5]) await c.say("alex", String(v));
    for (const typed of ["no?", "maybe 0?", "idk 0"]) {
      const sent = await c.say("alex", typed);
      expect(
        sent.filter((d) => d.externalId === "rivera"),
        typed,
      ).toEqual([]);
      expect(sent.find((d) => d.externalId === "alex")?.message.text, typed).toMatch(
        /^It's all right not to be sure/,
      );
    }
    expect((await c.answers("alex")).filter((a) => a.instrument === "safety")).toEqual([]);
    // A yes asked as a question is still a yes.
    const yes = await c.say("alex", "maybe 1?");
    expect(yes.find((d) => d.externalId === "rivera")?.message.text).toMatch(/^URGENT/);
  });

  it("a question to rapport still gets who sees the answers", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const typed of ["who sees this?", "anonymous?", "is 6 private?"]) {
      expect((await mine(typed))[0], typed).toMatch(PRIVACY);
    }
  });
});

describe("soundsLikeAnswer", () => {
  const numbers = { numbers: ["zero", "one", "two", "three", "four", "five", "six"] };
  const choices = { choices: [{ value: 0, label: "Not at all", words: ["never"] }] };
  it.each([
    ["kinda?", true],
    ["like half the time?", true],
    ["six?", true],
    ["never?", true],
    ["vlt?", true],
    ["quizás?", true],
    ["anonymous?", false],
    ["who sees this", false],
  ])("%j → %s", (text, expected) => {
    expect(soundsLikeAnswer(text, choices, numbers)).toBe(expected);
  });
});
