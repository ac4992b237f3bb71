/**
 * Questions about who can read what a client answers, in the languages rapport speaks: "is this
 * anonymous?", "can my boss see this?", "who can read this", "does my employer see my answers",
 * "ist das anonym?", "¿es anónimo?". Between check-ins they get who sees the answers and the way to
 * see and erase them, as at consent and mid check-in, not "I don't pass messages on".
 * Only as a question about seeing or reading: "my boss keeps calling me on weekends" or "i went to
 * an anonymous meeting" are something the client wanted to say, and are answered as such.
 */
const WHO =
  "(my )?(boss|employer|manager|work|job|company|hr|parents|family|mum|mom|dad|partner|husband|wife|boyfriend|girlfriend|school|teacher|insurance|insurer|doctor|gp)";
const ANYONE = "(anyone|anybody|someone|somebody|people|others|any1)( else)?";
const SEES = "(see|read|access|find|look at)";
const THIS =
  "(this|that(?! \\p{L})|it|these|them|(my|the|these) (answers|data|info|messages|comments|check-?ins|replies|results|scores)|what i (write|wrote|say|said|answer|put))";
const WER =
  "((mein|meine|meinen) (chef|chefin|arbeitgeber|arbeitgeberin|firma|arbeit|eltern|familie|mutter|vater|partner|partnerin|mann|frau|freund|freundin|schule|lehrer|krankenkasse|versicherung|arzt|ärztin)|jemand|irgendwer|irgendjemand|sonst jemand|jemand anderes|andere)";
const PRIVACY_FORMS = [
  // "is this anonymous", "are my answers confidential", "anonymous?", "is it private"
  `(is|are|r) ${THIS} (really |actually |fully |totally |100% )?(anonymous|anon|anonymou?s|confidential|private)`,
  "^(anonymous|anon)( or not)? ?[?]*$",
  "^(confidential|private)( or not)? ?[?]+$",
  // "can my boss see this", "will my employer read my answers", "can anyone else see this"
  `(can|could|will|would|does|do|is|are|might|may) (${WHO}|${ANYONE}) (ever |also |be able to |able to )?${SEES} ${THIS}`,
  // "who can read this", "who else sees my answers", "who reads this"
  `who( else)? (can|could|will|gets to|does|is able to|might)? ?(see|sees|read|reads|access|accesses|gets) ${THIS}`,
  // German: "ist das anonym", "sind meine antworten vertraulich", "kann mein chef das sehen",
  // "sieht mein arbeitgeber meine antworten", "wer kann das lesen"
  "(ist|sind) (das|es|meine antworten|die antworten|das hier) (wirklich |auch |echt )?(anonym|vertraulich|privat)",
  "^(anonym|vertraulich) ?[?]*$",
  `(kann|können|koennen|darf|dürfen|duerfen|wird|werden) ${WER} (das|es|meine antworten|die antworten|das hier|alles) (auch )?(sehen|lesen|einsehen)`,
  `(sieht|liest|sehen|lesen) ${WER} (das|es|meine antworten|die antworten|das hier)`,
  `(sieht|liest|sehen|lesen) (das|es|meine antworten|die antworten) ${WER}`,
  // Not "wer kann das noch ertragen", "wer bekommt das hin": seeing or reading must be said.
  "wer (kann|darf|wird) (das|es|meine antworten|die antworten|das hier|alles) (sehen|lesen|einsehen)",
  "wer (sieht|liest|bekommt) (das|es|meine antworten|die antworten|das hier)(?= *($|[?.!]))",
  "wer (kann|darf) (meine|die) antworten",
  // Spanish: "¿es anónimo?", "son anónimas mis respuestas", "puede mi jefe ver esto",
  // "mi jefe puede ver esto", "quién puede ver esto", "quién lee esto"
  "(^|¿|esto |eso )(es|son) (realmente |de verdad )?(an[óo]nimo|an[óo]nima|an[óo]nimos|an[óo]nimas|confidencial|confidenciales|privado|privada)",
  "(mis respuestas|esto|eso) (es|son) (an[óo]nim[oa]s?|confidencial(es)?|privad[oa]s?)",
  "(puede|pueden|podr[íi]a|va a|ve|ven|lee|leen) (mi|mis|alguien|nadie m[aá]s|alguien m[aá]s) ?(jefe|jefa|empresa|trabajo|padres|familia|madre|padre|pareja|marido|esposo|esposa|mujer|novio|novia|escuela|seguro)? ?(ver|leer)? (esto|eso|mis respuestas|lo que escribo)",
  "(mi|mis) (jefe|jefa|empresa|trabajo|padres|familia|pareja|marido|esposa) (puede|pueden|podr[íi]a|va a) (ver|leer)",
  "qui[ée]n (puede|podr[íi]a|va a)? ?(ve|lee|ver|leer) (esto|eso|mis respuestas|lo que escribo)",
];
const PRIVACY = new RegExp(`(?<!\\p{L})(?:${PRIVACY_FORMS.join("|")})(?!\\p{L})`, "iu");

/** Whether the words ask who can read the client's answers, or whether they are anonymous. */
export function asksWhoSees(text: string): boolean {
  if (text.length > 200) return false;
  // "can my boss see this??", "Ist das anonym?": accents and the question mark kept, apostrophes,
  // emoji and other marks dropped.
  const said = text
    .toLowerCase()
    .replace(/['’]/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}?\s-]+/gu, " ")
    .replace(/\?+/gu, "?")
    .replace(/\s+/gu, " ")
    .trim();
  return PRIVACY.test(said);
}
