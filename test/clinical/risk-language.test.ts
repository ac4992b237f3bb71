import { describe, expect, it } from "vitest";
import { languageGuess } from "../../src/clinical/risk-language.js";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { riskMessages, shippedLists } from "./corpus.js";

// The language a risky message is written in, as every shipped language's lists tell it together
// (risk-language.ts): the crisis message and the safety question answer the client in it.
const LANGUAGES = ["de", "en", "es"];
const lists = LANGUAGES.map(shippedLists);
const guess = languageGuess(lists);
const screen = riskScreen(lists);

describe("the language of a risky message", () => {
  it.each([
    ["quiero suicidarme", "es"],
    ["ya no quiero vivir", "es"],
    ["ich will mich einfach nur noch umbringen", "de"],
    ["honestly i want to kill myself", "en"],
    ["i wanna die fr", "en"],
  ])("%s: %s", (text, language) => {
    expect(screen.screen(text)?.language).toBe(language);
  });

  it("does not name one from a phrase several lists share, nor when two languages weigh the same", () => {
    // "kms" and "suicid*" are in more than one language's lists; "ich" is German, "want" English.
    expect(screen.screen("kms")?.language).toBeNull();
    expect(screen.screen("suicide")?.language).toBe("en");
    expect(guess("kms")).toBeNull();
    expect(guess("ich want")).toBeNull();
    expect(guess("")).toBeNull();
  });

  it.each(LANGUAGES)("names no other language for any message of the %s risk corpus", (language) => {
    const found = riskMessages(`${language}-risk.tsv`)
      .map((m) => ({ text: m.text, language: screen.screen(m.text)?.language }))
      .filter((m) => m.language !== undefined);
    const wrong = found.filter((m) => m.language !== null && m.language !== language);
    expect(wrong).toEqual([]);
    // Nearly all are named: a client is answered in their own language only when the words do not tell.
    const named = found.filter((m) => m.language === language).length;
    expect(named / found.length).toBeGreaterThan(0.95);
  });
});
