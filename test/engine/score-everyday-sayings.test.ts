import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseScore } from "../../src/engine/checkin/score-input.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";
import { atPhqItemNine, atSafetyQuestion, phqGadPrompts } from "../helpers/measures.js";

/**
 * Scores as clients type them at question 1 of a check-in: "seven then" (after being asked
 * again), "overall I'd say five", "i would say 7", "8 :)", "full marks". Each was refused or kept as
 * the comment. At a risk item none of these forms changes what is read (CLINICAL.md).
 */
const prompts = loadPrompts(PROMPTS_DIR);
const wordsOf = (language: string) => {
  const pack = prompts.languages.get(language);
  if (!pack) throw new Error(`no ${language} prompts`);
  return pack.messages.words;
};

describe("scores summed up, settled on, or with a face", () => {
  it.each([
    ["en", "seven then", 7],
    ["en", "7 then", 7],
    ["en", "overall I'd say five", 5],
    ["en", "overall 6", 6],
    ["en", "i would say 7", 7],
    ["en", "8 :)", 8],
    ["en", "8 :-)", 8],
    ["en", "6 :/", 6],
    ["en", "9 <3", 9],
    ["de", "sieben dann", 7],
    ["de", "insgesamt 6", 6],
    ["de", "alles in allem sieben", 7],
    ["de", "8 :)", 8],
    ["es", "siete entonces", 7],
    ["es", "en general un 8", 8],
    ["es", "yo diría que 6", 6],
  ])("%s: accepts %j as %d", (language, text, value) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: true, value });
  });

  it.each([
    ["en", "6 or 7 then"],
    ["en", "overall not 5"],
    ["en", "8)"],
    ["en", ":)"],
  ])("%s: refuses %j", (language, text) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: false });
  });
});

describe("at question 1 of a check-in", () => {
  let c: Conversation;
  afterEach(() => c?.close());

  it.each([
    ["seven then", 7],
    ["overall I'd say five", 5],
    ["i would say 7", 7],
    ["8 :)", 8],
    ["full marks", 10],
    ["full marks!", 10],
  ])("%j is the score %d, not the comment", async (typed, value) => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [reply] = await c.say("alex", typed);
    expect(reply?.message.text).toMatch(/^2\/9/);
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([value]);
  });

  it("the retry 'seven then' after a long answer asked again is the score", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "probably a seven, we covered most of what i wanted but ran out of time");
    expect(await c.answers("alex")).toEqual([]);
    await c.say("alex", "seven then");
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([7]);
  });

  it.each([
    ["de", "volle Punktzahl"],
    ["es", "nota máxima"],
  ])("%s: %j is the top of the scale", async (language, typed) => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", `language alex ${language}`);
    await c.say("rivera", "checkin alex");
    await c.say("alex", typed);
    expect((await c.answers("alex")).map((a) => a.value)).toEqual([10]);
  });
});

describe("the same words at a risk item: read as before", () => {
  const dir = phqGadPrompts();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let c: Conversation;
  afterEach(() => c?.close());

  it.each(["i would say 1", "overall 1", "1 then", "1 :)", "full marks"])(
    "%j at the PHQ-9's ninth item is asked again, as before",
    async (typed) => {
      c = await atPhqItemNine(dir);
      const before = (await c.answers("alex")).length;
      await c.say("alex", typed);
      expect((await c.answers("alex")).length).toBe(before);
    },
  );

  it.each(["overall 0", "0 then", "0 :)", "full marks"])(
    "%j at the safety question is not taken as a no",
    async (typed) => {
      c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], "en");
      await c.say("alex", typed);
      expect((await c.answers("alex")).find((a) => a.instrument === "safety")).toBeUndefined();
    },
  );
});
