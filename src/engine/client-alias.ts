/** An alias is the therapist's own short name for a client: no real names needed. */
// Combining marks (\p{M}) are part of letters in many scripts (Devanagari vowel signs, "İ" lower-cased).
const ALIAS = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]{0,31}$/u;

/** Characters that show as nothing (U+3164, U+034F, zero-width marks): "alex" and "al\u034Fex" must not both exist. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
/** Scripts an alias may be written in; letters of two scripts ("аlex" with a Cyrillic а) are refused. */
const SCRIPTS = [
  /\p{Script=Latin}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Greek}/u,
  /\p{Script=Arabic}/u,
  /\p{Script=Hebrew}/u,
  /\p{Script=Devanagari}/u,
  /\p{Script=Han}/u,
  /\p{Script=Hiragana}/u,
  /\p{Script=Katakana}/u,
  /\p{Script=Hangul}/u,
  /\p{Script=Thai}/u,
];

/** The alias as stored (NFC, lower case), or undefined when `raw` may not be one. */
export function normaliseAlias(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const alias = raw.normalize("NFC").toLowerCase();
  if (!ALIAS.test(alias) || INVISIBLE.test(alias)) return undefined;
  const letters = [...alias].filter((ch) => /\p{L}/u.test(ch));
  // Japanese mixes Han, Hiragana and Katakana in one name; every other alias keeps to one script.
  const japanese = [SCRIPTS[6], SCRIPTS[7], SCRIPTS[8]];
  const oneScript = SCRIPTS.some((script) => letters.every((ch) => script?.test(ch)));
  const allJapanese = letters.every((ch) => japanese.some((script) => script?.test(ch)));
  return oneScript || allJapanese ? alias : undefined;
}
