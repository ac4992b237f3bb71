import type { RiskLists } from "./risk-screen.js";
import { screenTokens } from "./risk-tokens.js";

/**
 * The language a risky message is written in, so that the crisis message and the safety question
 * answer it in that language. Every language's lists are applied to every text, and a phrase two
 * lists share ("suicid*" in English and Spanish, "kms" in English and German) says nothing about
 * the language. The words that one language's lists use and no other's do ("quiero", "mich",
 * "myself") tell them apart well enough for this. Null when they do not (a bare "kms", or as many
 * words of one language as of another): the client is then answered in their own language.
 */
type LanguageGuess = (text: string) => string | null;

/** Enough of a message to tell its language; a long one is not read twice for it. */
const SAMPLE_CHARS = 2000;

export function languageGuess(lists: readonly RiskLists[]): LanguageGuess {
  const seenIn = new Map<string, Set<string>>();
  for (const list of lists) {
    const forms = [...(list.fillers ?? []), ...(list.spellings ?? []).flat()];
    for (const phrase of [
      ...list.disclosure,
      ...(list.acute ?? []),
      ...list.concern,
      ...list.exceptions,
      ...forms,
    ]) {
      // The phrase syntax ({a|b}, word*, ..) set aside: only its literal words count.
      for (const word of screenTokens(phrase.replace(/[{}|*]|\.\./g, " ")).words) {
        const languages = seenIn.get(word) ?? new Set<string>();
        languages.add(list.language);
        seenIn.set(word, languages);
      }
    }
  }
  const own = new Map<string, string>();
  for (const [word, languages] of seenIn) {
    const [only] = languages;
    if (languages.size === 1 && only) own.set(word, only);
  }
  return (text) => {
    const counts = new Map<string, number>();
    for (const word of new Set(screenTokens(text.slice(0, SAMPLE_CHARS)).words)) {
      const language = own.get(word);
      if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
    }
    let best: string | null = null;
    let most = 0;
    for (const [language, count] of counts) {
      if (count > most) [best, most] = [language, count];
      else if (count === most) best = null;
    }
    return best;
  };
}
