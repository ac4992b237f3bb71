import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseScore } from "../../src/engine/checkin/score-input.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";
import { atPhqItemNine, atSafetyQuestion, phqGadPrompts } from "../helpers/measures.js";

/**
 * Scores said with what gives them or says they are sure ("jo passt 8", "def a 9", "10 obv",
 * "ponle 6", "würd 7 sagen"): from clients trying rapport, each got "I can only use a number". At a
 * risk item these sayings change nothing: its answers are read as before (CLINICAL.md).
 */
const prompts = loadPrompts(PROMPTS_DIR);
const wordsOf = (language: string) => {
  const pack = prompts.languages.get(language);
  if (!pack) throw new Error(`no ${language} prompts`);
  return pack.messages.words;
};

describe("a score with a saying that gives it", () => {
  it.each([
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
  ])("%s: accepts %j as %d", (language, text, value) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: true, value });
  });

  it.each([
    // Ranges are asked about, sayings or not.
    ["de", "würd 7 oder 8 sagen"],
    ["en", "def 6 or 7"],
    ["es", "ponle un 6 o 7"],
    // A negation is no saying.
    ["de", "passt nicht 8"],
    ["en", "obv not 6"],
    ["en", "no def 5"],
    // "sagen" closes a number only after a "würd".
    ["de", "7 sagen"],
    // A number of something else.
    ["en", "slept 4 hours, 6"],
  ])("%s: refuses %j", (language, text) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: false });
  });

  it("reads them at a check-in's score question", async () => {
    const c = new Conversation();
    try {
      await c.enrol();
      await c.say("rivera", "checkin alex");
      for (const typed of ["def a 9", "10 obv", "8 fs"]) {
        const [reply] = await c.say("alex", typed);
        expect(reply?.message.text, typed).not.toMatch(/^Sorry/);
      }
      expect((await c.answers("alex")).map((a) => a.value).sort((a, b) => a - b)).toEqual([8, 9, 10]);
    } finally {
      c.close();
    }
  });
});

describe("the same sayings at a risk item: read as before", () => {
  const dir = phqGadPrompts();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let c: Conversation;
  afterEach(() => c?.close());
  const urgent = (sent: { message: { text: string; urgent?: boolean } }[]) =>
    sent.some((d) => d.message.urgent === true && /^URGENT/.test(d.message.text));

  it("'0 for sure' at the safety question is still a yes, its 'sure' not taken as a saying", async () => {
    c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], "en");
    expect(urgent(await c.say("alex", "0 for sure"))).toBe(true);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
  });

  it.each(["def 1", "passt 1", "ponle 2"])(
    "%j at the PHQ-9's ninth item is asked again, as before",
    async (typed) => {
      c = await atPhqItemNine(dir);
      const before = (await c.answers("alex")).length;
      await c.say("alex", typed);
      expect((await c.answers("alex")).length).toBe(before);
    },
  );
});
