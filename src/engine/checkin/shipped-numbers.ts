import type { LanguagePack } from "../../prompts/load.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { folded } from "./score-words.js";
import { OTHER_MEANING, SHIPPED } from "./shipped-safety-words.js";

/** A number word as typed: folded ("fuenf" for "fünf"), or without its accents ("funf"). */
export function spellings(word: string): string[] {
  return [folded(word), folded(word.normalize("NFD").replace(/\p{M}/gu, ""))];
}

/**
 * The number words 0 to 10 of every shipped language (en, de, es), as the clinic's prompts for
 * them list them, that a client in `language` may type: "six" from a German client, "sechs" from
 * an English one. A word is read only where it is unambiguous: no shipped language, nor the
 * client's own, reads it as another number, a yes or a no, or an answer to the safety question,
 * and it has no other meaning in the client's language (OTHER_MEANING: Spanish "once", "ya").
 * Made once per language when the prompts are loaded (prompts/load.ts).
 */
export function shippedNumbers(
  languages: ReadonlyMap<string, LanguagePack>,
  language: string,
): ReadonlyMap<string, number> {
  const packs = [...new Set([...SHIPPED, language])].flatMap((code) => languages.get(code) ?? []);
  // What each spelling is read as anywhere: a number's value, or "word" for anything else.
  const readings = new Map<string, Set<number | "word">>();
  const read = (word: string, as: number | "word") => {
    for (const s of spellings(word)) readings.set(s, (readings.get(s) ?? new Set()).add(as));
  };
  for (const { messages, instruments } of packs) {
    for (const [value, word] of messages.words.numbers.entries()) read(word, value);
    for (const word of [...messages.words.yes, ...messages.words.no]) read(word, "word");
    const choices = instruments.get(SAFETY_INSTRUMENT)?.choices ?? [];
    for (const word of choices.flatMap((c) => [c.label, ...c.words])) read(word, "word");
  }
  for (const word of OTHER_MEANING[language] ?? []) read(word, "word");
  const numbers = new Map<string, number>();
  for (const { language: code, messages } of packs) {
    if (!SHIPPED.includes(code)) continue;
    for (const [value, word] of messages.words.numbers.entries()) {
      for (const s of spellings(word)) {
        const as = readings.get(s);
        if (as?.size === 1 && as.has(value)) numbers.set(s, value);
      }
    }
  }
  return numbers;
}
