import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { normaliseForScreening, riskMatcher } from "../../src/clinical/risk-screen.js";

// CLINICAL.md, "Risk and safety": free text is matched against the configured risk phrases on whole
// words and phrases, case- and accent-insensitive. Over-triggering is acceptable; missing a disclosure is not.
const file = new URL("../../prompts/en/risk.yaml", import.meta.url);
const doc: unknown = parse(readFileSync(file, "utf8"));

function phrasesOf(value: unknown): string[] {
  if (typeof value !== "object" || value === null || !("phrases" in value)) throw new Error("no phrases");
  const list = value.phrases;
  if (!Array.isArray(list) || !list.every((p): p is string => typeof p === "string")) {
    throw new Error("phrases must be a list of strings");
  }
  return list;
}

const phrases = phrasesOf(doc);
const matcher = riskMatcher(phrases);

describe("the shipped English list", () => {
  it("is a non-empty list of English phrases", () => {
    expect((doc as { language?: unknown }).language).toBe("en");
    expect(phrases.length).toBeGreaterThan(20);
    expect(phrases).toContain("suicid*");
  });
});

describe("true positives: disclosures that must match", () => {
  it.each([
    { text: "I want to die", phrase: "want to die" },
    { text: "I've been thinking about SUICIDE", phrase: "suicid*" },
    { text: "sometimes I feel suicidal", phrase: "suicid*" },
    { text: "I attempted suicide last year", phrase: "suicid*" },
    { text: "I don’t want to live anymore", phrase: "don't want to live" },
    { text: "I don't want to live anymore", phrase: "don't want to live" },
    { text: "i could kill myself", phrase: "kill myself" },
    { text: "I tried to kill myself", phrase: "kill myself" },
    { text: "I keep thinking about killing myself", phrase: "killing myself" },
    { text: "Self-harm again", phrase: "self harm*" },
    { text: "I've been self-harming", phrase: "self harm*" },
    { text: "I self harmed last night", phrase: "self harm*" },
    { text: "selfharming", phrase: "selfharm*" },
    { text: "I took an overdose", phrase: "overdose*" },
    { text: "I overdosed on my pills", phrase: "overdose*" },
    { text: "I'd be better off dead", phrase: "better off dead" },
    { text: "They'd all be better off without me", phrase: "better off without me" },
    { text: "SUÏCIDE", phrase: "suicid*" },
    { text: "ＳＵＩＣＩＤＥ", phrase: "suicid*" },
    { text: "😞suicide", phrase: "suicid*" },
    { text: "...end it all!!", phrase: "end it all" },
    { text: "I keep thinking about ending my life.", phrase: "ending my life" },
    { text: "I want to END MY LIFE", phrase: "end my life" },
    { text: "thinking of taking my own life", phrase: "taking my own life" },
    { text: "I wish I were dead", phrase: "wish i were dead" },
    { text: "I wish I was dead", phrase: "wish i was dead" },
    { text: "honestly i wanna die", phrase: "wanna die" },
    { text: "there's no reason to live", phrase: "no reason to live" },
    { text: "Life is not worth living", phrase: "not worth living" },
    { text: "I DON'T WANT TO BE ALIVE", phrase: "don't want to be alive" },
    { text: "I don't want to wake up tomorrow", phrase: "don't want to wake up" },
    { text: "I can't go on like this", phrase: "can't go on" },
    { text: "I hurt myself last night", phrase: "hurt myself" },
    { text: "thoughts of harming myself", phrase: "harming myself" },
    { text: "I cut myself again", phrase: "cut myself" },
    { text: "I want to hang myself", phrase: "hang myself" },
    { text: "I'm scared I'll hurt someone", phrase: "hurt someone" },
    { text: "I'm being abused", phrase: "being abused" },
    { text: "he hits me when he drinks", phrase: "he hits me" },
    { text: "I'm not safe at home", phrase: "not safe at home" },
    { text: "I want\nto   die", phrase: "want to die" },
    { text: "Kill-myself", phrase: "kill myself" },
    { text: "(want to die)", phrase: "want to die" },
    { text: "**suicide**", phrase: "suicid*" },
  ])("$text → $phrase", ({ text, phrase }) => {
    expect(matcher.match(text)).toContain(phrase);
  });

  it("returns every matching phrase, as written in the list, in list order", () => {
    expect(matcher.match("I want to die and I cut myself, suicidal")).toEqual([
      "suicid*",
      "want to die",
      "cut myself",
    ]);
  });

  // Chat markdown ("*bold*") is common: a "*" in the text is markup, never a gap in a phrase.
  it.each([
    { text: "I want to *die*", phrase: "want to die" },
    { text: "I could kill *myself*", phrase: "kill myself" },
    { text: "i don't want to * live * anymore", phrase: "don't want to live" },
  ])("markdown emphasis does not hide a disclosure: $text → $phrase", ({ text, phrase }) => {
    expect(matcher.match(text)).toContain(phrase);
  });

  // Spellings without the apostrophe ("dont", "cant") read as the phrase with it, and plain
  // disclosures that once had no phrase now match. CLINICAL.md: missing a disclosure is not acceptable.
  it.each([
    { text: "I dont want to live anymore" },
    { text: "i dont want to be alive" },
    { text: "i cant go on" },
    { text: "I wanted to die last week" },
    { text: "I want to be dead" },
    { text: "I'm going to unalive myself" },
  ])("$text matches some phrase", ({ text }) => {
    expect(matcher.match(text)).not.toEqual([]);
  });
});

describe("near misses that must not match", () => {
  it.each([
    "this homework is killing me",
    "I killed it at work today",
    "my phone died",
    "the deadline is tomorrow",
    "I learnt the skill",
    "I taught the skill myself",
    "I'm dying to see the new film",
    "I could die of embarrassment",
    "I want to dye my hair",
    "I'm hanging out with friends",
    "I cut my hair myself",
    "it's not worth it",
    "I can't go out tonight",
    "the overdue bill",
    "this is harmless",
    "self-care matters",
    "kill myselfie",
    "he hits metal with a hammer",
    "dead tired after the gym",
    "I'd kill for a coffee",
    "I need to chill myself out",
  ])("%s", (text) => {
    expect(matcher.match(text)).toEqual([]);
  });

  // Over-matching that the list accepts on purpose (reported, not fixed): idioms that contain a phrase.
  it.each([
    { text: "I can't go on holiday this year", phrase: "can't go on" },
    { text: "kill them with kindness", phrase: "kill them" },
    { text: "I could kill him for being late", phrase: "kill him" },
    { text: "Let's end it all on a high note", phrase: "end it all" },
    { text: "I'll hurt myself laughing", phrase: "hurt myself" },
    { text: "I overdosed on coffee", phrase: "overdose*" },
    { text: "suicidology lecture", phrase: "suicid*" },
  ])("accepted over-match: $text → $phrase", ({ text, phrase }) => {
    expect(matcher.match(text)).toEqual([phrase]);
  });
});

describe("matching rules", () => {
  it.each(["", "   ", "!!!", "*", "***", "\n\t"])("text %j matches nothing", (text) => {
    expect(matcher.match(text)).toEqual([]);
  });

  it("an empty list matches nothing", () => {
    expect(riskMatcher([]).match("I want to die")).toEqual([]);
  });

  it("a phrase that is only * or punctuation is ignored, not a match-all", () => {
    const m = riskMatcher(["*", " ** ", "!?", "want to die"]);
    expect(m.match("hello there")).toEqual([]);
    expect(m.match("I want to die")).toEqual(["want to die"]);
  });

  it.each([
    { text: "kill my*", phrases: ["kill myself"] },
    { text: "kill *", phrases: ["kill myself"] },
    { text: "k*ll myself", phrases: ["kill myself"] },
    { text: "hurt my*", phrases: ["hurt myself"] },
  ])("a literal * in the text is no wildcard: $text", ({ text, phrases: list }) => {
    expect(riskMatcher(list).match(text)).toEqual([]);
  });

  it.each([
    { text: "the skill myself", phrase: "kill myself", match: false },
    { text: "kill myselfish", phrase: "kill myself", match: false },
    { text: "overkill myself", phrase: "kill myself", match: false },
    { text: "kill myself", phrase: "kill myself", match: true },
    { text: "oversuicidal", phrase: "suicid*", match: false },
    { text: "suicidology", phrase: "suicid*", match: true },
    { text: "suicid", phrase: "suicid*", match: true },
    { text: "suici", phrase: "suicid*", match: false },
    { text: "dead", phrase: "dead", match: true },
    { text: "deadline", phrase: "dead", match: false },
  ])("whole words only: $text against $phrase → $match", ({ text, phrase, match }) => {
    expect(riskMatcher([phrase]).match(text)).toEqual(match ? [phrase] : []);
  });

  it("phrases are normalised too: case and accents in the list do not matter", () => {
    expect(riskMatcher(["Kill Myself"]).match("KILL MYSELF")).toEqual(["Kill Myself"]);
    expect(riskMatcher(["suïcid*"]).match("suicidal")).toEqual(["suïcid*"]);
    expect(riskMatcher(["selbstmord"]).match("SELBSTMORD")).toEqual(["selbstmord"]);
    expect(riskMatcher(["straße"]).match("STRASSE")).toEqual(["straße"]);
  });

  it("regex characters in a phrase are literal", () => {
    expect(riskMatcher(["a.b"]).match("a b")).toEqual(["a.b"]);
    expect(riskMatcher(["a+"]).match("aaa")).toEqual([]);
  });
});

describe("normaliseForScreening", () => {
  it.each([
    { text: "I Don’t WANT", normal: "i dont want" },
    { text: "don't / dont / don`t", normal: "dont dont dont" },
    { text: "  ...end it all!!  ", normal: "end it all" },
    { text: "SUÏCIDE", normal: "suicide" },
    { text: "Straße", normal: "strasse" },
    { text: "ＳＵＩＣＩＤＥ", normal: "suicide" },
    { text: "self-harm\n\tagain", normal: "self harm again" },
    { text: "I want to *die*", normal: "i want to die" },
    { text: "", normal: "" },
  ])("$text → $normal", ({ text, normal }) => {
    expect(normaliseForScreening(text)).toBe(normal);
  });

  it("keeps * only for phrases, where it is the wildcard", () => {
    expect(normaliseForScreening("suicid*", true)).toBe("suicid*");
    expect(normaliseForScreening("suicid*")).toBe("suicid");
  });
});
