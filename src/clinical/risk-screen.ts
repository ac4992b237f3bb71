/**
 * Screening free text for risk phrases (CLINICAL.md): whole words and phrases, case- and
 * accent-insensitive. A phrase ending in * matches any word that starts with it ("suicid*"
 * matches "suicidal"). Over-triggering is acceptable; missing a disclosure is not, so the
 * text is screened against the phrases of every language, not only the client's.
 */

/**
 * Lower case, accents and other marks removed, apostrophes dropped ("don't" and "dont" read the
 * same), every other run of non-letters a single space. Only phrases keep "*" as a wildcard; in
 * a client's text it is markup ("*die*") and becomes a space.
 */
export function normaliseForScreening(text: string, keepWildcards = false): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/['’‘`´]/g, "")
    .replace(keepWildcards ? /[^\p{L}\p{N}*]+/gu : /[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export interface RiskMatcher {
  /** The phrases (as written in prompts/) that occur in the text, in list order. */
  match(text: string): string[];
}

export function riskMatcher(phrases: readonly string[]): RiskMatcher {
  const compiled = phrases
    .map((phrase) => {
      const normal = normaliseForScreening(phrase, true);
      if (normal.replace(/\*/g, "").trim() === "") return undefined;
      const body = normal
        .split(" ")
        .map((word) => (word.endsWith("*") ? `${escapeRegExp(word.slice(0, -1))}\\S*` : escapeRegExp(word)))
        .join(" ");
      return { phrase, pattern: new RegExp(`(?:^| )${body}(?= |$)`, "u") };
    })
    .filter((p): p is { phrase: string; pattern: RegExp } => p !== undefined);
  return {
    match(text) {
      const normal = normaliseForScreening(text);
      return compiled.filter((c) => c.pattern.test(normal)).map((c) => c.phrase);
    },
  };
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
