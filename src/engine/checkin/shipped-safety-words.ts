import { madeOnce } from "../../made-once.js";
import type { PromptCatalog } from "../../prompts/load.js";
import type { Instrument } from "../../prompts/schema.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";

type Choice = NonNullable<Instrument["choices"]>[number];

/** The languages rapport ships prompts for: a client may answer in any of them, numbers too. */
export const SHIPPED: readonly string[] = ["en", "de", "es"];

/**
 * Words of another language that are something else in the client's: Spanish "ya" (already, "ya
 * no" is "not anymore"), "once" (eleven) and "ja" (laughter) are no yes there, nor a number
 * (shipped-numbers.ts). Letters alone ("n", "y", "s", "j") stay with their own language: the
 * Spanish "y" is "and".
 */
export const OTHER_MEANING: Readonly<Record<string, readonly string[]>> = {
  es: ["ya", "once", "ja"],
  de: ["die"],
  en: [],
};

const made = new WeakMap<PromptCatalog, Map<string, Map<readonly Choice[], readonly Choice[]>>>();

/**
 * The safety question's choices with the yes and no words of the other shipped languages added
 * (from the clinic's own prompts for them): "nah" or "no" from a German client, "nein" or "ja"
 * from an English one. A word is added only where it is unambiguous: on the same side in every
 * shipped language that lists it, never on the other side in the client's own, and not a word of
 * the client's language with another meaning. Made once per catalog, language and choices.
 */
export function withShippedSafetyWords(
  catalog: PromptCatalog | undefined,
  language: string,
  choices: readonly Choice[],
  above: number,
): readonly Choice[] {
  if (!catalog) return choices;
  const byLanguage = madeOnce(
    made,
    catalog,
    () => new Map<string, Map<readonly Choice[], readonly Choice[]>>(),
  );
  const known = madeOnce(byLanguage, language, () => new Map<readonly Choice[], readonly Choice[]>());
  const done = known.get(choices);
  if (done) return done;
  const sides = (list: readonly Choice[], threshold: number) => ({
    yes: list.filter((c) => c.value > threshold).flatMap((c) => [c.label, ...c.words].map(plain)),
    no: list.filter((c) => c.value <= threshold).flatMap((c) => [c.label, ...c.words].map(plain)),
  });
  const all = SHIPPED.flatMap((code) => {
    const safety = catalog.languages.get(code)?.instruments.get(SAFETY_INSTRUMENT);
    return safety?.choices ? [{ code, ...sides(safety.choices, safety.riskItem?.above ?? 0) }] : [];
  });
  const own = sides(choices, above);
  const avoid = new Set(OTHER_MEANING[language] ?? []);
  const words = (yes: boolean) => {
    const other = new Set([...all.flatMap((l) => (yes ? l.no : l.yes)), ...(yes ? own.no : own.yes)]);
    const mine = new Set(yes ? own.yes : own.no);
    const found = all
      .filter((l) => l.code !== language)
      .flatMap((l) => (yes ? l.yes : l.no))
      .filter((w) => [...w].length > 1 && !other.has(w) && !mine.has(w) && !avoid.has(w));
    return [...new Set(found)];
  };
  const sorted = [...choices].sort((a, b) => a.value - b.value);
  const lowest = sorted[0];
  const firstAbove = sorted.find((c) => c.value > above);
  const result = choices.map((c) =>
    c === firstAbove
      ? { ...c, words: [...c.words, ...words(true)] }
      : c === lowest
        ? { ...c, words: [...c.words, ...words(false)] }
        : c,
  );
  known.set(choices, result);
  return result;
}

function plain(word: string): string {
  return word.trim().toLowerCase();
}
