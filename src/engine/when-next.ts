/** "when is my next check-in", "wann kommt der nächste check-in?", "¿cuándo es el próximo cuestionario?" */
const WHEN_NEXT =
  /\b(?:when|what time|wann|cu[áa]ndo)\b.{0,40}(?:check[- ]?ins?|questions?|questionnaires?|fragen|fragebogen|cuestionarios?|preguntas?)|\b(?:next|nächste[nrs]?|naechste[nrs]?|pr[óo]xim[oa]s?)\s+(?:check[- ]?in|questions|fragen|cuestionario|preguntas)\b.{0,20}\?/iu;

/** Whether the client asks when the next check-in comes. */
export function asksWhenNext(text: string): boolean {
  return text.length <= 120 && WHEN_NEXT.test(text);
}
