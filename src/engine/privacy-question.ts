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
/** Who a German client may fear reads along: "die krankenkasse", "mein chef", "meine eltern". */
const PARTEI =
  "(chef|chefin|arbeitgeber|arbeitgeberin|firma|arbeit|eltern|familie|mutter|vater|mama|papa|partner|partnerin|mann|frau|freund|freundin|schule|lehrer|lehrerin|krankenkasse|kasse|krankenversicherung|versicherung|arzt|ärztin|hausarzt|hausärztin)";
/** Someone named, or anyone else: not "keiner", "niemand" ("kriegt das keiner mit" is distress). */
const WER_GENANNT = `((mein|meine|meinen|meiner|die|der|den) ${PARTEI}|sonst (noch )?(jemand|wer)|jemand (anderes|sonst|au(ß|ss)er \\p{L}+))`;
const WER = `(${WER_GENANNT}|jemand|irgendwer|irgendjemand|jemand anderes|andere)`;
/** What is read: "das", "meine antworten", "davon". */
const DAS = "(das|es|davon|meine antworten|die antworten|das hier|das alles|hiervon)";
/** Words that leave a question a question: "wer sieht das eigentlich alles". */
const NUR = "( (auch|eigentlich|überhaupt|ueberhaupt|denn|alles|was|irgendwas|so|hier|dann|genau|davon))*";
/** Finding out, in German: "kriegt … mit", "bekommt … mit", "erfährt". */
const ERFAEHRT = "(kriegt|kriegen|bekommt|bekommen|erfährt|erfaehrt|erfahren)";
/** Who a Spanish client may fear reads along: "mi seguro médico", "la aseguradora", "la psico". */
const PARTE =
  "(jefe|jefa|empresa|trabajo|padres|familia|madre|padre|mam[aá]|pap[aá]|pareja|marido|esposo|esposa|mujer|novio|novia|escuela|colegio|seguro( m[eé]dico)?|aseguradora|mutua|m[eé]dico|m[eé]dica|psico|psic[oó]logo|psic[oó]loga|terapeuta)";
/** Someone named, or anyone else: not "nadie" ("nadie lo ve" is distress). */
const QUIEN = `((mi|mis|el|la|los|las) ${PARTE}|alguien( m[aá]s)?|otra persona|otras personas)`;
/** Seeing, reading or finding out, in Spanish: "lo ve", "lo lee", "se entera", "puede verlo". */
const VE =
  "(ve|ven|lee|leen|(puede|pueden|podr[íi]a|podr[íi]an|va a|van a) (ver|leer)(lo|la|los|las)?|se entera|se enteran|se (va|van) a enterar|se enterar[aá]n?|se enterar[íi]an?)";
const PRIVACY_FORMS = [
  // "is this anonymous", "are my answers confidential", "anonymous?", "is it private"
  `(is|are|r) ${THIS} (really |actually |fully |totally |100% )?(anonymous|anon|anonymou?s|confidential|private)`,
  "^(anonymous|anon)( or not)? ?[?]*$",
  "^(confidential|private)( or not)? ?[?]+$",
  // "can my boss see this", "will my employer read my answers", "can anyone else see this"
  `(can|could|will|would|does|do|is|are|might|may) (${WHO}|${ANYONE}) (ever |also |actually |really |even |be able to |able to )?${SEES} ${THIS}`,
  // "will my boss find out", "could my parents find out about this": not "my boss will find out i
  // messed up", which tells, nor "will anyone find out what happened to him".
  `(can|could|will|would|does|do|might|may) (${WHO}|${ANYONE}) (ever |also |actually |really )?find out( about ${THIS})?(?= *($|[?.!]))`,
  // "who can read this", "who else sees my answers", "who reads this", "who actually reads this?"
  `who( else)?( actually| really| even| exactly)? (can|could|will|gets to|does|is able to|might)? ?(actually |really |even )?(see|sees|read|reads|access|accesses|gets) ${THIS}`,
  // "is anyone else reading this", "is someone watching this"
  `(is|are) ${ANYONE} (actually |really |also )?(reading|seeing|watching|looking at|checking) ${THIS}`,
  // "does my insurance get it", "will my parents hear about this": someone named, not "anyone"
  // ("does anyone get it" asks to be understood).
  `(can|could|will|would|does|do|might|may) ${WHO} (ever |also |actually |really )?(get|gets|receive|hear about|be told about|be sent) ${THIS}`,
  // German: "ist das anonym", "sind meine antworten vertraulich", "kann mein chef das sehen",
  // "sieht mein arbeitgeber meine antworten", "wer kann das lesen"
  "(ist|sind) (das|es|meine antworten|die antworten|das hier) (wirklich |auch |echt )?(anonym|vertraulich|privat)",
  "^(anonym|vertraulich) ?[?]*$",
  `(kann|können|koennen|darf|dürfen|duerfen|wird|werden) ${WER} (das|es|meine antworten|die antworten|das hier|alles) (auch )?(sehen|lesen|einsehen)`,
  `(sieht|liest|sehen|lesen) ${WER} (das|es|meine antworten|die antworten|das hier)`,
  `(sieht|liest|sehen|lesen) (das|es|meine antworten|die antworten) ${WER}`,
  // Not "wer kann das noch ertragen", "wer bekommt das hin": seeing or reading must be said.
  `wer (kann|darf|wird) (das|es|meine antworten|die antworten|das hier|alles)${NUR} (sehen|lesen|einsehen)`,
  // "wer sieht das eigentlich alles", "wer kriegt das mit": not "wer kriegt das schon mit".
  `wer (sieht|liest|bekommt|kriegt|erfährt|erfaehrt)${NUR} ${DAS}${NUR}( mit)?(?= *($|[?.!]))`,
  // "kriegt die krankenkasse das mit", "erfährt mein chef davon?", "kriegt das sonst jemand mit";
  // not "bekommt mein chef das hin". Said the other way round, only as a question:
  // "die krankenkasse kriegt das mit?", not "meine eltern kriegen nix mit".
  `${ERFAEHRT} ${WER_GENANNT} ${DAS}${NUR}( mit|(?= *($|[?.!])))`,
  `${ERFAEHRT} ${DAS} ${WER_GENANNT}${NUR}( mit|(?= *($|[?.!])))`,
  `${WER_GENANNT} ${ERFAEHRT} ${DAS}${NUR}( mit)?(?= *[?])`,
  "wer (kann|darf) (meine|die) antworten",
  // "liest hier noch jemand mit?", "sieht das sonst wer": someone else reading along.
  "(liest|lesen|sieht|sehen) (hier|da|das|es) (noch |sonst |eigentlich |auch |wirklich )*(jemand|wer|irgendwer|irgendjemand)( (anderes|sonst|mit))*(?= *($|[?]))",
  // Spanish: "¿es anónimo?", "son anónimas mis respuestas", "puede mi jefe ver esto",
  // "mi jefe puede ver esto", "quién puede ver esto", "quién lee esto"
  "(^|¿|esto |eso )(es|son) (realmente |de verdad )?(an[óo]nimo|an[óo]nima|an[óo]nimos|an[óo]nimas|confidencial|confidenciales|privado|privada)",
  "(mis respuestas|esto|eso) (es|son) (an[óo]nim[oa]s?|confidencial(es)?|privad[oa]s?)",
  `(puede|pueden|podr[íi]a|va a|ve|ven|lee|leen) (mi|mis|alguien|nadie m[aá]s|alguien m[aá]s) ?${PARTE}? ?(ver|leer)? (esto|eso|mis respuestas|lo que escribo)`,
  // "mi jefe puede ver esto", not "mi madre puede ver que estoy mal".
  `(mi|mis) ${PARTE} (puede|pueden|podr[íi]a|va a) (ver|leer)(lo|las)?( (esto|eso|mis respuestas|lo que escribo))?(?= *($|[?]))`,
  "qui[ée]n (puede|podr[íi]a|va a)? ?(ve|lee|ver|leer) (esto|eso|mis respuestas|lo que escribo)",
  // "quién lee realmente esto", "alguien más está leyendo esto?"
  "qui[ée]n (realmente |de verdad )?(ve|lee) (realmente |de verdad )?(esto|eso|mis respuestas|lo que escribo)",
  "alguien( m[aá]s)? (est[aá] )?(leyendo|viendo|lee|ve) (esto|eso|mis respuestas|lo que escribo)",
  // "mi seguro recibe esto?", "le llega a mi seguro?"
  `(mi|mis) ${PARTE} (recibe|reciben|recibir[aá]|recibir[aá]n) (esto|eso|mis respuestas|lo que escribo)`,
  `(le |les )?llega(n)? (esto |eso |mis respuestas )?a (mi|mis) ${PARTE}`,
  // "y esto quien lo ve?", "quién lo lee": seeing or reading said, asked.
  "qui[ée]n (lo|la|los|las) (ve|lee|va a ver|va a leer|puede ver|puede leer)(?= *($|[?]))",
  // "lo ve alguien mas aparte de la psico?", "esto lo lee mi seguro medico?", "se entera mi jefe?":
  // at the start, or asked; not "si se entera mi jefe me despide". Said the other way round, only
  // as a question: "¿mi jefe se entera?", not "mis padres no se enteran de nada".
  `(^|esto |eso |mis respuestas |lo que escribo |lo que pongo )(lo |la |los |las )?${VE} ${QUIEN}`,
  `${VE} ${QUIEN}(?=.*[?])`,
  `${QUIEN} ((lo|la|los|las|esto|eso) ${VE}(?=.*[?])|${VE}( de (esto|eso|mis respuestas|lo que escribo))?(?= *[?]))`,
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
