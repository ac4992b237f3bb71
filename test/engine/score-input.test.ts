import { describe, expect, it } from "vitest";
import { parseScore } from "../../src/engine/checkin/score-input.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

/** The English pack's words, as shipped. */
const WORDS = (() => {
  const pack = loadPrompts(PROMPTS_DIR).languages.get("en");
  if (!pack) throw new Error("no English prompts");
  return pack.messages.words;
})();

describe("parseScore on a 0 to 10 scale", () => {
  it.each([
    ["7", 7],
    [" 7 ", 7],
    ["7.5", 7.5],
    ["7,5", 7.5],
    ["7/10", 7],
    ["7 / 10", 7],
    ["7.5/10", 7.5],
    ["0", 0],
    ["10", 10],
    ["10.0", 10],
    ["0.1", 0.1],
    ["\t8\n", 8],
    ["7.", 7],
    ["8!", 8],
    ["seven", 7],
    ["Seven.", 7],
    ["zero", 0],
    ["TEN", 10],
    ["7 out of 10", 7],
    ["7 Out Of 10!", 7],
    ["7 of 10", 7],
    ["seven out of ten", 7],
    ["7.5 out of 10", 7.5],
    ["7\uFE0F\u20E3", 7],
    ["7\u20E3", 7],
    ["0\uFE0F\u20E3", 0],
    ["\u{1F51F}", 10],
    // Hedged as people hedge: the number after nothing but softening words, or the last sentence.
    ["i guess about 7", 7],
    ["6ish", 6],
    ["6-ish", 6],
    ["~6", 6],
    ["idk maybe 6ish", 6],
    // A hedge asked as a question is a hedge all the same.
    ["hmm 4?", 4],
    ["maybe 6?", 6],
    // A sigh before the number is how the week felt, not another answer.
    ["meh 5", 5],
    ["mmm 4", 4],
    ["ugh 3", 3],
    ["meh like a 4", 4],
    ["weiß nicht, 3", 3],
    ["keine ahnung so 4", 4],
    ["no sé, 6", 6],
    ["sorry fell asleep lol. 6", 6],
    ["oh shoot forgot. 6", 6],
    ["fell asleep\n6", 6],
    ["maybe eight", 8],
    ["about 7.5", 7.5],
    ["about 7,5", 7.5],
    ["vielleicht 6", 6],
    ["más o menos 6", 6],
    ["so ne 6", 6],
    ["naja, so eine 5", 5],
    ["como un 7", 7],
    ["tipo 6", 6],
    ["5 lol", 5],
    ["7 jaja", 7],
    ["haha 6 tbh", 6],
    ["6 i guess", 6],
    ["6 i guess lol", 6],
    ["7 i think", 7],
    ["5 or so", 5],
    ["4 maybe", 4],
    ["6 oder so", 6],
    ["5 glaube ich", 5],
    ["7 creo", 7],
    ["6 más o menos", 6],
    // Decimals as voice typing writes them.
    ["seven point five", 7.5],
    ["7 point 5", 7.5],
    ["eight and a half", 8.5],
  ])("accepts %j as %d", (text, value) => {
    expect(parseScore(text, 0, 10, WORDS)).toEqual({ ok: true, value });
  });

  it.each([
    ["a word", "eleven"],
    ["above the maximum", "11"],
    ["a negative number", "-1"],
    ["a decimal above the maximum", "10.5"],
    ["two decimals", "7.25"],
    ["a different scale", "7/5"],
    ["an emoji", "👍"],
    ["an empty string", ""],
    ["only whitespace", "   "],
    ["a 5,000-digit paste", "7".repeat(5000)],
    ["trailing letters", "7abc"],
    ["two numbers", "3 4"],
    ["a leading dot", ".5"],
    ["three digits", "100"],
    ["a missing denominator", "7/"],
    ["non-ASCII digits", "٧"],
    ["out of another scale", "7 out of 5"],
    ["a word out of the scale", "seven out of eleven"],
    ["a sentence around a number", "i guess about 7 today"],
    ["two numbers in words", "maybe 6 or 7"],
    ["a correction", "no, 5"],
    ["a negation", "not 6"],
    ["a correction with a hedge", "actually 5"],
    ["a number of something else", "6 hours lol"],
    ["a second number after a hedge", "6 maybe 7"],
    ["a hedge that is only a hedge", "i guess"],
    ["a but after the number", "5 but not really"],
    ["two digits after a spoken point", "seven point twenty"],
    ["ten and a half", "ten and a half"],
    ["a word for a feeling", "meh"],
    ["a sentence that says something before the number", "i'm not safe. 1"],
    ["a cry for help before the number", "help me. 0"],
    ["distress before the number", "can't stop crying. 3"],
    ["a number split by a stop", "7. 5"],
    ["a correction in its own sentence", "no. 5"],
    ["a long sentence before the number", "i feel awful today honestly. 2"],
    ["two decimals out of 10", "8.25/10"],
  ])("refuses %s (%j)", (_label, text) => {
    expect(parseScore(text, 0, 10, WORDS)).toEqual({ ok: false });
  });

  it("reads a spoken decimal in the words of the client's language", () => {
    const words = (language: string) => loadPrompts(PROMPTS_DIR).languages.get(language)?.messages.words;
    expect(parseScore("sechs komma fünf", 0, 10, words("de"))).toEqual({ ok: true, value: 6.5 });
    expect(parseScore("siete y medio", 0, 10, words("es"))).toEqual({ ok: true, value: 7.5 });
    expect(parseScore("siete punto cinco", 0, 10, words("es"))).toEqual({ ok: true, value: 7.5 });
  });

  it("uses the scale it is given for the range and the denominator", () => {
    expect(parseScore("4/5", 1, 5)).toEqual({ ok: true, value: 4 });
    expect(parseScore("0", 1, 5)).toEqual({ ok: false });
    expect(parseScore("6", 1, 5)).toEqual({ ok: false });
    expect(parseScore("4/10", 1, 5)).toEqual({ ok: false });
  });
});

/** A language's words, as shipped. */
const wordsOf = (language: string) => {
  const pack = loadPrompts(PROMPTS_DIR).languages.get(language);
  if (!pack) throw new Error(`no ${language} prompts`);
  return pack.messages.words;
};

describe("parseScore as German and Spanish clients type it", () => {
  // Regression: each of these got "kann ich nur eine Zahl…" / "solo puedo usar un número…".
  it.each([
    ["de", "jo 8", 8],
    ["de", "8 passt", 8],
    ["de", "na so 7", 7],
    ["de", "glatte 10", 10],
    ["de", "ne glatte 10", 10],
    ["de", "7/10 würd ich sagen", 7],
    ["de", "ich würd sagen 7", 7],
    ["de", "so ungefaehr 6", 6],
    // Typed without umlauts, as without the keys: ae, oe, ue, or the vowel alone.
    ["de", "7/10 wuerd ich sagen", 7],
    ["de", "ich wuerde sagen 7", 7],
    ["de", "ungefahr 6", 6],
    ["de", "weiss nicht, 4", 4],
    ["de", "fuenf", 5],
    ["de", "funf", 5],
    ["de", "7 glaub ich", 7],
    // Letters stretched for effect: the number word it still is.
    ["de", "achttt", 8],
    ["de", "sooo 7", 7],
    ["es", "yo diria q 6", 6],
    ["es", "creo q 6", 6],
    ["es", "8 bien", 8],
    ["es", "sieteee", 7],
    ["es", "bueno, 7", 7],
    ["en", "yeah 8", 8],
    ["en", "threeee", 3],
  ])("%s: accepts %j as %d", (language, text, value) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: true, value });
  });

  it.each([
    // Ranges are asked about on purpose.
    ["de", "sieben oder acht"],
    ["de", "so 7 oder 8"],
    ["es", "siete u ocho"],
    ["es", "7 o 8"],
    // "na" alone is an English no ("na 5"): asked again.
    ["en", "na 5"],
    // A letter left out is no stretching: asked about as a misspelling (score-hint.ts).
    ["en", "thre"],
    ["de", "ach"],
    ["de", "nein, 5"],
    ["es", "no q 5"],
  ])("%s: refuses %j", (language, text) => {
    expect(parseScore(text, 0, 10, wordsOf(language))).toEqual({ ok: false });
  });
});
