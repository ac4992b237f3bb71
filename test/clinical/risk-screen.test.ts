import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compilePhrase, PhraseError } from "../../src/clinical/risk-phrases.js";
import { type RiskLists, riskScreen } from "../../src/clinical/risk-screen.js";
import { screenTokens } from "../../src/clinical/risk-tokens.js";
import { riskListsSchema } from "../../src/prompts/schema.js";

// CLINICAL.md, "Risk and safety": two tiers, matched on words and phrases, case-, accent- and
// apostrophe-insensitive, with spelling variants, chat forms and masked letters. Over-triggering
// is acceptable; missing a disclosure is not; harmless idioms are exceptions, each tested here.
const shipped = riskListsSchema.parse(
  parse(readFileSync(new URL("../../prompts/en/risk.yaml", import.meta.url), "utf8")),
) as RiskLists;
const screen = riskScreen([shipped]);
const tierOf = (text: string) => screen.screen(text)?.tier;

function lists(disclosure: string[], concern: string[] = [], exceptions: string[] = []) {
  return riskScreen([{ language: "en", disclosure, concern, exceptions }]);
}

describe("the shipped English lists", () => {
  it("has both tiers and the exceptions, and keeps the phrases it always had", () => {
    expect(shipped.language).toBe("en");
    expect(shipped.disclosure.length).toBeGreaterThan(150);
    expect(shipped.concern.length).toBeGreaterThan(80);
    for (const phrase of [
      "suicid*",
      "kill myself",
      "better off dead",
      "kms",
      "unalive*",
      "not safe at home",
    ]) {
      expect(shipped.disclosure).toContain(phrase);
    }
    expect(shipped.concern).toContain("can't go on");
  });

  it.each([
    "I want to die",
    "I've been thinking about SUICIDE",
    "sometimes I feel suicidal",
    "I don’t want to live anymore",
    "i could kill myself",
    "I tried to kill myself",
    "Self-harm again",
    "I've been self-harming",
    "selfharming",
    "I took an overdose",
    "I'd be better off dead",
    "SUÏCIDE",
    "ＳＵＩＣＩＤＥ",
    "😞suicide",
    "...end it all!!",
    "I want to END MY LIFE",
    "thinking of taking my own life",
    "I wish I were dead",
    "honestly i wanna die",
    "there's no reason to live",
    "I cut myself again",
    "I want to hang myself",
    "I'm scared I'll hurt someone",
    "he hits me when he drinks",
    "I'm not safe at home",
    "I want\nto   die",
    "Kill-myself",
    "**suicide**",
    "I want to *die*",
    "kms",
    "I'm going to unalive myself",
  ])("disclosure: %s", (text) => {
    expect(tierOf(text)).toBe("disclosure");
  });

  it.each([
    "I can't go on like this",
    "I don't see the point anymore",
    "everyone would be better off without me",
    "I wish I could go to sleep and never wake up",
    "Nobody would even notice if I was gone",
    "I'm just a burden to my family",
    "I feel so hopeless",
    "i just want to disappear",
    "I'm so tired of living",
    "i feel like giving up",
    "nothing matters anymore",
    "i dont wanna do this anymore",
    "I don't want to feel like this any more",
    "nothing matters",
    "honestly none of this matters",
  ])("concern: %s", (text) => {
    expect(tierOf(text)).toBe("concern");
  });

  it("'nothing matters more than…' is no concern", () => {
    expect(tierOf("nothing matters more than my kids right now")).toBeUndefined();
    expect(tierOf("nothing matters as much as sleep tbh")).toBeUndefined();
  });
});

describe("spelling is evened out", () => {
  it.each([
    "dont wanna live",
    "do not want to live",
    "DONT WANT TO LIVEEE",
    "d0nt want to l1ve",
    "i do n't want to live",
    "I want to kill my self",
    "k*ll myself",
    "k!ll myself",
    "su1c1de",
    "s*icidal",
    "su!cide",
    "i want to dieeee",
    "i want to d1e",
    "kil myslef",
  ])("%s reads as a disclosure", (text) => {
    expect(tierOf(text)).toBe("disclosure");
  });

  it.each(["I can not go on", "i cannot go on", "i cant go on", "I CAN'T GO ON"])(
    "%s reads as a concern",
    (text) => {
      expect(tierOf(text)).toBe("concern");
    },
  );

  it("tokens keep where they stood, and contractions and split words are canonical", () => {
    const t = screenTokens("I don't want my self");
    expect(t.words).toEqual(["i", "do", "not", "want", "myself"]);
    expect(t.starts).toEqual([0, 2, 2, 8, 13]);
    expect(t.ends).toEqual([1, 7, 7, 12, 20]);
  });

  it("a * at the edges of a word is chat markup; inside a word it hides letters", () => {
    expect(screenTokens("*die*").words).toEqual(["die"]);
    expect(screenTokens("k*ll").words).toEqual(["k?l"]);
    expect(screenTokens("e.g. 20 pills").words).toEqual(["e", "g", "20", "pils"]);
  });
});

describe("what a therapist is shown", () => {
  it("the client's own words, as they wrote them, for each match", () => {
    const found = screen.screen("honestly... I DON'T want to live, kms");
    expect(found?.tier).toBe("disclosure");
    expect(found?.hits.map((h) => h.words)).toEqual(expect.arrayContaining(["DON'T want to live", "kms"]));
    expect(found?.language).toBe("en");
  });

  it("disclosures come before concerns, and the finding takes the higher tier", () => {
    const found = screen.screen("no point anymore, I want to die");
    expect(found?.tier).toBe("disclosure");
    expect(found?.hits[0]?.tier).toBe("disclosure");
    expect(found?.hits.some((h) => h.tier === "concern")).toBe(true);
  });
});

describe("harmless idioms listed as exceptions", () => {
  // Each exception of the shipped list, with a harmless text it clears and a risky one it must not.
  it.each([
    { harmless: "I nearly killed myself laughing at that", risky: "I nearly killed myself" },
    { harmless: "kill them with kindness", risky: "I want to kill them" },
    { harmless: "I hurt myself at the gym", risky: "I hurt myself on purpose" },
    { harmless: "cut myself shaving again", risky: "cut myself again" },
    {
      harmless: "burned my hand on the oven tray getting the lasagne out",
      risky: "burned my arm with a lighter",
    },
    { harmless: "we watched suicide squad", risky: "suicide is on my mind" },
    { harmless: "I overdosed on christmas films", risky: "I overdosed on my tablets" },
    { harmless: "we can't go on like this with the leaky roof", risky: "I can't go on like this" },
    { harmless: "I can't go on holiday this year", risky: "I can't go on" },
    { harmless: "going to end things with tom", risky: "going to end things" },
    { harmless: "no point in going to the gym when it rains", risky: "no point in living" },
    { harmless: "theres no point arguing with my mum", risky: "theres no point anymore" },
    { harmless: "I'm hopeless at parallel parking", risky: "I feel hopeless" },
    { harmless: "the mortgage paperwork is a real burden this month", risky: "I'm a burden" },
    { harmless: "gave up trying to fix the printer", risky: "gave up on life" },
    { harmless: "took my pills as prescribed this morning", risky: "took all my pills" },
    { harmless: "took some ibuprofen for my headache", risky: "i already took some pills tbh" },
    { harmless: "took a few paracetamol for my back", risky: "took a few more of my meds than i should" },
    { harmless: "leaving early to catch the bus to my mums", risky: "reading ctb threads" },
    { harmless: "bought a rope for the tyre swing", risky: "I keep thinking about the rope" },
    { harmless: "i want to disappear into a good book", risky: "i want to disappear" },
    { harmless: "killing some time before the train", risky: "killing myself" },
    { harmless: "I'd kill for a lie in", risky: "I'd kill myself" },
  ])("$harmless", ({ harmless, risky }) => {
    expect(screen.screen(harmless)).toBeUndefined();
    expect(screen.screen(risky)).toBeDefined();
  });

  it("an exception clears only a match it covers whole", () => {
    const s = lists(["kill myself"], [], ["kill myself laughing"]);
    expect(s.screen("kill myself laughing")).toBeUndefined();
    expect(s.screen("I'm not laughing, I want to kill myself")?.tier).toBe("disclosure");
  });
});

describe("near misses that must not match", () => {
  it.each([
    "this homework is killing me",
    "I killed it at work today",
    "my phone died",
    "the deadline is tomorrow",
    "I learnt the skill",
    "I'm dying to see the new film",
    "I want to dye my hair",
    "I'm hanging out with friends",
    "I cut my hair myself",
    "I can't go out tonight",
    "the overdue bill",
    "self-care matters",
    "kill myselfie",
    "he hits metal with a hammer",
    "dead tired after the gym",
    "I'd kill for a coffee",
    "I need to chill myself out",
  ])("%s", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });

  // Over-matching accepted on purpose: missing a disclosure is worse than asking once too often.
  it.each([
    { text: "I could kill him for being late", tier: "disclosure" },
    { text: "Let's end it all on a high note", tier: "disclosure" },
    { text: "suicidology lecture", tier: "disclosure" },
  ])("accepted over-match: $text", ({ text, tier }) => {
    expect(tierOf(text)).toBe(tier);
  });
});

describe("the pattern language", () => {
  it.each([
    { phrase: "{want|wish} to die", text: "I wish to die", match: true },
    { phrase: "{really|} want to die", text: "want to die", match: true },
    { phrase: "{really|} want to die", text: "really want to die", match: true },
    { phrase: "took .. pills", text: "took all of my pills", match: true },
    { phrase: "took .. pills", text: "took a lot of my pills", match: false },
    { phrase: "took # pills", text: "took 30 pills", match: true },
    { phrase: "took # pills", text: "took thirty pills", match: false },
    { phrase: "suicid*", text: "suicidal", match: true },
    { phrase: "suicid*", text: "oversuicidal", match: false },
    { phrase: "kill myself", text: "the skill myself", match: false },
    { phrase: "kill myself", text: "overkill myself", match: false },
    { phrase: "dead", text: "deadline", match: false },
    { phrase: "Kill Myself", text: "KILL MYSELF", match: true },
    { phrase: "suïcid*", text: "suicidal", match: true },
    { phrase: "straße", text: "STRASSE", match: true },
    { phrase: "a.b", text: "a b", match: true },
  ])("$phrase against $text → $match", ({ phrase, text, match }) => {
    expect(lists([phrase]).screen(text) !== undefined).toBe(match);
  });

  it.each([
    { phrase: "{want to die", error: "without its }" },
    { phrase: "want} to die", error: "without its {" },
    { phrase: "{a|{b|c}} die", error: "nested" },
    { phrase: ".. die", error: "start with a word" },
    { phrase: "die ..", error: "end with a word" },
    { phrase: "{|} die", error: "at least one alternative" },
    { phrase: "{a|}", error: "must be there" },
    { phrase: "ab*", error: "at least 3 letters" },
    { phrase: "!?", error: "must be there" },
  ])("$phrase is refused: $error", ({ phrase, error }) => {
    expect(() => compilePhrase(phrase)).toThrow(PhraseError);
    expect(() => compilePhrase(phrase)).toThrow(error);
  });

  it("a broken phrase in a prompts file names itself", () => {
    const result = riskListsSchema.safeParse({ language: "en", disclosure: ["want to {die"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('phrase "want to {die"');
  });

  it.each(["", "   ", "!!!", "*", "***", "\n\t", "🙂🙂"])("text %j matches nothing", (text) => {
    expect(screen.screen(text)).toBeUndefined();
  });
});
