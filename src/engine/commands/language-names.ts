import { plainWord } from "./command-synonyms.js";

/**
 * The prompts language a therapist named by its name rather than its code: "German", "Deutsch",
 * "alemán" for de. Each language is known by its name in English, in itself and in every language
 * of the prompts (Intl's names), compared without case or accents ("Espanol" is "Español").
 */
export function languageNamed(languages: readonly string[], typed: string): string | undefined {
  const wanted = plainWord(typed.trim());
  if (wanted.length < 3) return undefined;
  const namers = [...new Set(["en", ...languages])];
  return languages.find((code) =>
    [...namers, code].some((inLanguage) => {
      try {
        const name = new Intl.DisplayNames([inLanguage], { type: "language" }).of(code);
        return name !== undefined && plainWord(name) === wanted;
      } catch {
        return false;
      }
    }),
  );
}
