import type { PromptCatalog } from "../../prompts/load.js";
import type { Wording } from "../../prompts/render.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";

/**
 * What a therapist is told when a client's language has no prompts for some of their instruments:
 * those are asked in the clinic's fallback language ("PHQ-9 and GAD-7 have no Spanish prompts
 * here, so lucia is asked them in English."), so setting a language does not promise more than
 * the prompts folder has.
 */

/** The instruments among `ids` a client in `language` is asked in the fallback language. Pure. */
function askedInFallback(catalog: PromptCatalog, language: string, ids: readonly string[]): string[] {
  const pack = catalog.languages.get(language);
  const base = catalog.languages.get(catalog.fallback);
  if (!pack || !base || pack === base) return [];
  return ids.filter((id) => !pack.instruments.has(id) && base.instruments.has(id));
}

/** The line saying so, in the therapist's wording `w`; undefined when every instrument has the language's prompts. */
export function fallbackNote(
  w: Wording,
  catalog: PromptCatalog,
  alias: string,
  language: string,
  ids: readonly string[],
): string | undefined {
  const missing = askedInFallback(catalog, language, ids);
  if (missing.length === 0) return undefined;
  const base = catalog.languages.get(catalog.fallback)?.instruments;
  // A measure by its name (PHQ-9), the safety question in words, anything else by its id.
  const names = missing.map((id) =>
    id === SAFETY_INSTRUMENT ? w.t("instruments_safety_item") : (base?.get(id)?.profile?.name ?? id),
  );
  const inWords = w.pack.language;
  const text = w.t(missing.length === 1 ? "language_fallback_one" : "language_fallback_other", {
    alias,
    instruments: new Intl.ListFormat(inWords, { type: "conjunction" }).format(names),
    language: nameOf(language, inWords),
    fallback: nameOf(catalog.fallback, inWords),
  });
  // The list may begin the sentence: "The safety question has ...", "Mood has ...".
  return text.charAt(0).toLocaleUpperCase(inWords) + text.slice(1);
}

/** "Spanish", "Spanisch", "español": the language's name alone, else its code. */
function nameOf(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
