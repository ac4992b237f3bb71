/**
 * "when is my next check-in", "wann kommt der nächste check-in?", "¿cuándo es el próximo
 * cuestionario?"; and, as people ask it without the word, after a pause or a check-in: "when do
 * they start again?", "wann kommt der nächste?", "¿cuándo me toca el siguiente?", "y el próximo
 * cuándo?". Not "wann geht es mir wieder besser", which is no question about the check-ins.
 */
const WHEN_NEXT = new RegExp(
  [
    "\\b(?:when|what time|wann|cu[áa]ndo)\\b.{0,40}(?:check[- ]?ins?|questions?|questionnaires?|fragen|fragebogen|cuestionarios?|preguntas?)",
    "\\b(?:next|nächste[nrs]?|naechste[nrs]?|pr[óo]xim[oa]s?)\\s+(?:check[- ]?in|questions|fragen|cuestionario|preguntas)\\b.{0,20}\\?",
    "\\bwhen(?:'s| is| will| do| does)? (?:they|it|the next one|these|the next)\\b.{0,12}\\b(?:start(?:s|ing)? again|come back|resume|back on|coming)\\b",
    "\\bwhen(?:'?s| is) (?:the )?next one\\b",
    "\\bwann (?:kommt|kommen) (?:der|die|das)? ?(?:nächste|naechste)\\b",
    "\\bwann (?:geht|gehen|fangen|starten) (?:die|sie|es) (?:\\S+ )?wieder (?:los|an)\\b",
    "\\bcu[áa]ndo (?:me toca|toca|viene|llega|es) (?:el|la) (?:siguiente|pr[óo]xim[oa])\\b",
    "\\b(?:el|la) (?:siguiente|pr[óo]xim[oa]) cu[áa]ndo\\b",
    "\\bcu[áa]ndo (?:vuelven|empiezan de nuevo|se reanudan)\\b",
  ].join("|"),
  "iu",
);

/** Whether the client asks when the next check-in comes. */
export function asksWhenNext(text: string): boolean {
  return text.length <= 120 && WHEN_NEXT.test(text);
}
