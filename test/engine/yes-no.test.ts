import { describe, expect, it } from "vitest";
import { localWord } from "../../src/engine/chat-words.js";
import { answerWords, parseYesNo } from "../../src/engine/yes-no.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

const catalog = loadPrompts(PROMPTS_DIR);
function wordsOf(language: string) {
  const pack = catalog.languages.get(language);
  if (!pack) throw new Error(`no ${language} prompts`);
  return pack.messages.words;
}
const WORDS = wordsOf("en");

describe("answerWords", () => {
  it.each([
    ["Yes, I agree", "yes i agree"],
    ["  YES,I AGREE!!  ", "yes i agree"],
    ["Yes I agree :)", "yes i agree"],
    ["yes i agree :D", "yes i agree"],
    ["Yes, I agree 😊👍", "yes i agree"],
    ["No, thank you.", "no thank you"],
    ["I don’t agree", "i dont agree"],
    ["¡Sí, acepto!", "si acepto"],
    ["Nö, danke", "no danke"],
    ["no - not now...", "no not now"],
  ])("reads %j as %j", (typed, words) => {
    expect(answerWords(typed)).toBe(words);
  });
});

describe("parseYesNo", () => {
  it.each([
    "yes",
    "Yes",
    "YES!",
    "y",
    "Yes, I agree",
    "yes i agree",
    "Yes I agree :)",
    "yes, i agree!",
    "I agree.",
    "agree",
    "ok",
    "Okay",
    "  yes  ",
    "yep",
    "yes please",
    "of course",
    // Several yes phrases in a row, as people type them.
    "yep sounds good",
    "ok sure",
    "yes ok",
    "Yeah sure, I agree!",
    "ok yes please",
  ])("reads %j as yes", (text) => {
    expect(parseYesNo(text, WORDS)).toBe("yes");
  });

  it.each([
    "no",
    "No.",
    "n",
    "No, thanks",
    "no thanks",
    "No thank you!",
    "no, thank you",
    " NO ",
    "not now",
    "I don't agree",
    "i dont agree",
    "nah not now",
    "no, thanks, not right now",
  ])("reads %j as no", (text) => {
    expect(parseYesNo(text, WORDS)).toBe("no");
  });

  it.each([
    "",
    "   ",
    "maybe",
    "idk",
    "7",
    "yes no",
    "👍",
    ":)",
    "yes but no",
    "yes but what is this",
    "no I agree",
    "no, i agree",
    "yes?",
    "ok?",
    "I agree?",
    "yes I don't agree",
    "yesterday",
    "not sure",
    "ok no",
    "yes not now",
    "sure but who sees it",
  ])("does not guess for %j", (text) => {
    expect(parseYesNo(text, WORDS)).toBeUndefined();
  });

  it("takes a button's label or value as the pack's words", () => {
    const buttons = { yes: ["Count me in!", "go"], no: ["Not for me", "stay"] };
    expect(parseYesNo("count me in", WORDS, buttons)).toBe("yes");
    expect(parseYesNo("GO", WORDS, buttons)).toBe("yes");
    expect(parseYesNo("not for me.", WORDS, buttons)).toBe("no");
    expect(parseYesNo("stay", WORDS, buttons)).toBe("no");
  });

  it("reads a phrase listed as both yes and no as neither", () => {
    expect(parseYesNo("Yes, no", { yes: ["yes no"], no: ["yes, no"] })).toBeUndefined();
  });

  it.each([
    ["¡Sí!", "yes"],
    ["Si acepto", "yes"],
    ["sí, acepto 🙂", "yes"],
    ["vale", "yes"],
    ["¡No!", "no"],
    ["no, gracias", "no"],
    ["No gracias", "no"],
    ["ahora no", "no"],
  ] as const)("reads Spanish %j, opening marks and all, as %s", (text, answer) => {
    expect(parseYesNo(text, wordsOf("es"))).toBe(answer);
  });

  it.each([
    ["ja, ich stimme zu", "yes"],
    ["ja ich stimme zu", "yes"],
    ["Ja, ich bin einverstanden!", "yes"],
    ["nein danke", "no"],
    ["Nein, danke.", "no"],
    ["noe danke", "no"],
  ] as const)("reads German %j as %s", (text, answer) => {
    expect(parseYesNo(text, wordsOf("de"))).toBe(answer);
  });

  it.each([
    ["es", "¿sí?"],
    ["es", "quizás"],
    ["es", "sí pero qué es esto"],
    ["de", "ja?"],
    ["de", "vielleicht"],
    ["de", "nein ich stimme zu"],
  ])("in %s, does not guess for %j", (language, text) => {
    expect(parseYesNo(text, wordsOf(language))).toBeUndefined();
  });
});

describe("the yes and no lists of every shipped language", () => {
  it.each([...catalog.languages.keys()])(
    "%s: no phrase is both yes and no, or a control word, once read as typed answers are",
    (language) => {
      const words = wordsOf(language);
      const clashes = [...words.yes, ...words.no].filter(
        (phrase) => parseYesNo(phrase, words) === undefined || localWord(phrase, words) !== undefined,
      );
      expect(clashes).toEqual([]);
    },
  );
});
