/**
 * A client asking for another language, in the words of the languages rapport speaks: "can we do
 * this in spanish", "do you speak spanish", "hablas español?", "prefiero español porfa", "auf
 * deutsch bitte", "sprichst du deutsch?", "in english please". Read only as a request or a question
 * about a language, in a short message: "my mom only speaks spanish" or "i had my spanish exam" are
 * something the client wanted to say. Pure: the language's code, whether rapport has it or not.
 */

/** A language's names as clients type them (English, German, Spanish, and its own), by code. */
const NAMES: Record<string, readonly string[]> = {
  en: ["english", "englisch", "ingles", "inglés"],
  de: ["german", "deutsch", "aleman", "alemán"],
  es: ["spanish", "spanisch", "español", "espanol", "castellano", "castillian"],
  fr: ["french", "französisch", "franzoesisch", "francés", "frances", "français", "francais"],
  it: ["italian", "italienisch", "italiano"],
  pt: ["portuguese", "portugiesisch", "portugués", "portugues", "português"],
  nl: ["dutch", "niederländisch", "niederlaendisch", "holländisch", "neerlandés", "neerlandes"],
  pl: ["polish", "polnisch", "polaco", "polski"],
  tr: ["turkish", "türkisch", "tuerkisch", "turco", "türkçe", "turkce"],
  ru: ["russian", "russisch", "ruso", "русский"],
  uk: ["ukrainian", "ukrainisch", "ucraniano", "українська"],
  ar: ["arabic", "arabisch", "árabe", "arabe"],
  zh: ["chinese", "mandarin", "chinesisch", "chino"],
};
const BY_NAME = new Map(
  Object.entries(NAMES).flatMap(([code, names]) => names.map((n) => [n, code] as const)),
);
const LANG = `(${[...BY_NAME.keys()].sort((a, b) => b.length - a.length).join("|")})`;

const POLITE =
  "( (please|pls|plz|bitte|por favor|porfa|porfis|if possible|instead|maybe|thanks|gracias|danke))*";
const FORMS = [
  // English: "can we do this in spanish", "could you write in german", "do you speak spanish",
  // "spanish please", "in spanish pls", "switch to spanish", "i prefer spanish", "id rather do it in german"
  `(can|could|may|would) (we|you|u|i) (please )?(do|have|get|continue|answer|switch|change|write|talk|speak|use|go on|carry on|get the questions|do the check-?ins?)( (this|it|these|them|the check-?ins?|the questions|everything))?( (in|to|into))? ${LANG}`,
  `(do|can|could) (you|u) (also )?(speak|understand|write|talk|do|read) ${LANG}`,
  `(is|are) (there|this|it|the check-?ins?|the questions) (also )?(available )?in ${LANG}`,
  `^(in )?${LANG}${POLITE}$`,
  `(switch|change|swap) (it |this |the language |everything )?(to|into) ${LANG}`,
  `i( would|d)? (prefer|rather|like|want)( to)?( do| have| get| answer)?( it| this| them| the check-?ins?)?( in)? ${LANG}`,
  `(english|spanish|german) speaker here`,
  `(lets|let us) (do|have|continue|speak|talk|write|go on|switch)( (this|it|everything))?( (in|to))? ${LANG}`,
  // German: "auf deutsch bitte", "sprichst du spanisch?", "kannst du auch englisch", "lieber auf englisch"
  `^(auf|in) ${LANG}${POLITE}$`,
  `(sprichst|sprechen|kannst|können|koennen|schreibst) (du|sie|wir) (auch |bitte )?(${LANG}|(auf|in) ${LANG})`,
  `(geht|gibt es|gibts) (das|es|die fragen) (auch )?(auf|in) ${LANG}`,
  `(lieber|bitte) (auf|in) ${LANG}`,
  // "können wir das auf englisch machen", "könnten wir auf deutsch weitermachen", "machen wir auf
  // deutsch", "lass uns auf englisch schreiben"
  `(können|koennen|könnten|koennten|kannst|könntest|koenntest) (wir|du|sie)( (das|es|die fragen|den check-?in|die check-?ins|bitte|auch|lieber|vielleicht|weiter|jetzt|ab jetzt))* (auf|in) ${LANG}`,
  `(machen|schreiben|sprechen|reden) (wir|mir) (das |es |bitte |lieber |doch |jetzt |ab jetzt )*(auf|in) ${LANG}`,
  `(lass|lasst) uns (das |es |bitte |lieber |doch |jetzt )*(auf|in) ${LANG}`,
  `(ich )?(möchte|moechte|hätte|haette|will) (das |es |die fragen )?(lieber |gern |gerne )?(auf|in) ${LANG}`,
  // Spanish: "hablas español?", "prefiero español porfa", "podemos hacerlo en inglés", "en español por favor"
  `(hablas|habla|hablan|sabes|entiendes|escribes) ${LANG}`,
  `prefiero( que sea| hacerlo| hablar| seguir| escribir)?( en)? ${LANG}`,
  `(podemos|puedes|puede|se puede|podr[ií]amos|podr[ií]as) (hacerlo |hacer esto |seguir |hablar |escribir |continuar |cambiar )?(a |en |al )${LANG}`,
  `^en ${LANG}${POLITE}$`,
  // "lo podemos hacer en inglés", "hablemos en alemán", "mejor en inglés"
  `(lo|las) (podemos|puedes|podr[ií]amos) (hacer|seguir|contestar|responder) en ${LANG}`,
  `(hablemos|hagamoslo|hagámoslo|sigamos|escribamos) en ${LANG}`,
  `^(mejor|mas bien|más bien) en ${LANG}${POLITE}$`,
  `(cambia|cambiar|cambiamos|pasa|pasar|pasamos) (a|al) ${LANG}`,
  `(est[aá]|hay) (esto |las preguntas )?(tambi[eé]n )?en ${LANG}`,
];
const REQUEST = new RegExp(`(?<!\\p{L})(?:${FORMS.join("|")})(?!\\p{L})`, "u");

/** At most this many words: a request, not a story with a language in it. */
const SHORT = 12;

/** The code of the language a short message asks for, if it asks for one. */
export function languageAsked(text: string): string | undefined {
  const said = text
    .toLowerCase()
    .replace(/['’]/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}\s-]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  if (said === "" || said.split(" ").length > SHORT) return undefined;
  const match = REQUEST.exec(said);
  if (!match) return undefined;
  const named = match[0].split(" ").find((word) => BY_NAME.has(word));
  return named ? BY_NAME.get(named) : undefined;
}
