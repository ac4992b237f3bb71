import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseScore } from "../../src/engine/checkin/score-input.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";
import { atPhqItemNine, atSafetyQuestion, phqGadPrompts } from "../helpers/measures.js";

/**
 * Scores said with the words people put around them: what gives them or says they are sure ("jo
 * passt 8", "def a 9", "10 obv", "ponle 6", "würd 7 sagen"), what sums them up or settles on them
 * ("seven then", "overall I'd say five", "i would say 7"), a face ("8 :)"), and "full marks" (the
 * top of the scale). Each was refused ("I can only use a number") or kept as the comment. At a risk
 * item none of these changes what is read: its answers are read as before (CLINICAL.md).
 */
const prompts = loadPrompts(PROMPTS_DIR);
const wordsOf = (language: string) => {
  const pack = prompts.languages.get(language);
  if (!pack) throw new Error(`no ${language} prompts`);
  return pack.messages.words;
};

describe("a score with words around it", () => {
  it.each([
    // Sayings that give the score or say it is sure.
    ["de", "jo passt 8", 8],
    ["de", "passt, 8", 8],
    ["en", "def a 9", 9],
    ["en", "10 obv", 10],
    ["es", "ponle 6", 6],
    ["en", "defo 7", 7],
    ["en", "prob a 6", 6],
    ["en", "probs 6", 6],
    ["en", "8 fs", 8],
    ["en", "8 for sure", 8],
    ["en", "6 obviously lol", 6],
    ["en", "i'd give it a 7", 7],
    ["es", "le pongo un 7", 7],
    ["es", "ponle un 6", 6],
    ["es", "le pondria un 7", 7],
    ["es", "yo le daría un 8", 8],
    ["de", "würd 7 sagen", 7],
    ["de", "wuerd 7 sagen", 7],
    ["de", "ich würde mal 7 sagen", 7],
    ["de", "ich geb ne 7", 7],
    ["de", "eher so 6", 6],
    // Scores summed up or settled on.
    ["en", "seven then", 7],
    ["en", "7 then", 7],
    ["en", "overall I'd say five", 5],
    ["en", "overall 6", 6],
    ["en", "i would say 7", 7],
    ["de", "sieben dann", 7],
    ["de", "insgesamt 6", 6],
    ["de", "alles in allem sieben", 7],
    ["es", "siete entonces", 7],
    ["es", "en general un 8", 8],
    ["es", "yo diría que 6", 6],
    // A face after the score.
    ["en", "8 :)", 8],
    ["en", "8 :-)", 8],
    ["en", "6 :/", 6],
    ["en", "9 <3", 9],
    ["de", "8 :)", 8],
  ])("%s: accepts %j as %d", (language, text, value) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: true, value });
  });

  it.each([
    // Ranges are asked about, sayings or not.
    ["de", "würd 7 oder 8 sagen"],
    ["en", "def 6 or 7"],
    ["es", "ponle un 6 o 7"],
    ["en", "6 or 7 then"],
    // A negation is no saying.
    ["de", "passt nicht 8"],
    ["en", "obv not 6"],
    ["en", "no def 5"],
    ["en", "overall not 5"],
    // "sagen" closes a number only after a "würd".
    ["de", "7 sagen"],
    // A number of something else.
    ["en", "slept 4 hours, 6"],
    // A bracket is no face, and a face alone no score.
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

  it("reads sayings at each score question", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const typed of ["def a 9", "10 obv", "8 fs"]) {
      const [reply] = await c.say("alex", typed);
      expect(reply?.message.text, typed).not.toMatch(/^Sorry/);
    }
    expect((await c.answers("alex")).map((a) => a.value).sort((a, b) => a - b)).toEqual([8, 9, 10]);
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
  const urgent = (sent: { message: { text: string; urgent?: boolean } }[]) =>
    sent.some((d) => d.message.urgent === true && /^URGENT/.test(d.message.text));

  it.each(["def 1", "passt 1", "ponle 2", "i would say 1", "overall 1", "1 then", "1 :)", "full marks"])(
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

  it("'0 for sure' at the safety question is still a yes, its 'sure' not taken as a saying", async () => {
    c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], "en");
    expect(urgent(await c.say("alex", "0 for sure"))).toBe(true);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
  });
});
