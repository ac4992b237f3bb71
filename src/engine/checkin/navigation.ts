import { plainWords } from "./score-input.js";

/**
 * Words a client uses mid check-in to move in it, in the languages rapport speaks. A check-in has
 * no back button: "go back", "undo", "can i change my last answer", "zurück", "deshacer" ask how
 * to correct an answer, and get how to (correction_help), never kept as the comment nor met with
 * "I can only use a number". "where were we", "wo waren wir", "¿dónde estábamos?" (after a while
 * away) ask for the open question, and get it again. Only short messages: longer ones are words of
 * their own ("we didn't go back to what i wanted to talk about"). Pure.
 */
type Navigation = "back" | "where";

const BACK_FORMS = [
  "^(?:(?:wait|oh|oops|sorry|pls|please|can you|can we|could we|let me|lemme|i want to|i wanna)\\s+)*(?:go back|back|undo|redo|previous|previous question|go to the previous question)(?:\\s+(?:pls|please|one|a question|one question))?$",
  "(?:change|edit|fix|redo|correct|undo) (?:my|the|that) (?:last |previous |earlier )?(?:answer|one|reply|score)",
  "(?:can|could|may) i (?:still )?(?:change|edit|fix|correct) (?:it|that|an answer|my answers?)",
  // German: "zurück", "rückgängig", "kann ich meine letzte antwort ändern", "antwort ändern".
  "^(?:(?:bitte|nochmal|einmal|kann ich|können wir|koennen wir)\\s+)*(?:zurück|zurueck|zurück gehen|zurückgehen|rückgängig|rueckgaengig|eine frage zurück|vorherige frage)(?:\\s+bitte)?$",
  "(?:meine|die) (?:letzte |vorige |vorherige )?antwort (?:ändern|aendern|korrigieren|zurücknehmen)",
  "(?:kann|darf) ich (?:das|die antwort|meine antwort|meine antworten) (?:noch )?(?:ändern|aendern|korrigieren)",
  // Spanish: "volver", "atrás", "deshacer", "puedo cambiar mi última respuesta".
  "^(?:(?:por favor|porfa|puedo|podemos|quiero)\\s+)*(?:volver|volver atrás|volver atras|atrás|atras|deshacer|pregunta anterior|ir atrás|ir atras)(?:\\s+(?:por favor|porfa))?$",
  "(?:cambiar|corregir|editar) (?:mi|la|esa) (?:última |ultima |anterior )?respuesta",
];
const BACK = new RegExp(`(?<!\\p{L})(?:${BACK_FORMS.join("|")})(?!\\p{L})`, "u");

const WHERE_FORMS = [
  "where (?:were we|was i|did we (?:leave off|stop)|are we)",
  "what (?:was|is) the (?:question|last question)",
  "(?:which|what) question (?:are we|am i|were we|was i) (?:on|at)",
  "wo (?:waren wir|war ich|sind wir stehen geblieben|stehen wir)",
  "(?:welche|was war die) frage(?: war das| nochmal)?$",
  "d[óo]nde (?:est[áa]bamos|estaba|qued[áa]mos|[íi]bamos)",
  "(?:en )?qu[ée] pregunta (?:est[áa]bamos|[íi]bamos|estamos|voy)",
];
const WHERE = new RegExp(`(?<!\\p{L})(?:${WHERE_FORMS.join("|")})(?!\\p{L})`, "u");

/** At most this many words: a request to move, not a message with such words in it. */
const SHORT = 8;

/** What a short message asks of the check-in's place in it, if anything. */
export function navigationIn(text: string): Navigation | undefined {
  const said = plainWords(text)
    .replace(/['’]/gu, "")
    .replace(/[?¿,;:.!]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  if (said === "" || said.split(" ").length > SHORT) return undefined;
  if (WHERE.test(said)) return "where";
  return BACK.test(said) ? "back" : undefined;
}
