import { plainWords } from "./checkin/score-input.js";

/**
 * Words that ask about the client's data, in the languages rapport speaks: what is stored, who
 * sees it, a wish to have it deleted ("what do you store about me", "can you delete my data pls",
 * "delete everything", "was speicherst du über mich", "borra mis datos"). They are answered with
 * the way to see it (mydata) and to erase it (forget), never added to a check-in's comment or
 * passed over: a deletion asked for in words must not reach the therapist as a clinical comment.
 * "erase me" is not among them: it is on the risk screen's list, as words of not wanting to exist.
 */
const DATA_FORMS = [
  // What is kept, and who sees it.
  "what (do|did|does|will) (you|u|rapport|this( app| bot)?) (store|keep|save|know|have|hold|record|collect)",
  "what (data|info|information|details) (do|did|does) (you|u|rapport)",
  "who (can|will|gets to|does) (see|read) (my|these|this|the) (answers|data|info|messages|comments|check-?ins)",
  "(where|how) (is|are) my (data|answers|info) (stored|kept|saved)",
  "what (happens|will happen|happened) (to|with) (my|all my) (data|answers|info|information|stuff)",
  "what (do|will|does) (you|u|rapport|this( app| bot)?) do with my (data|answers|info|information)",
  // Deleting it.
  "(delete|erase|remove|wipe|clear) (all )?(of )?(my|the) (data|account|info|information|details|answers|history|records|stuff)",
  "(delete|erase|remove|wipe|clear) (everything|it all|all of it)",
  "(my|all my) (data|info|information) (deleted|erased|removed|wiped)",
  // "can you just delete me": the client's record, as a bot is asked ("erase me" is a risk phrase).
  "(delete|remove) me( from (this|here|rapport|the app|your (system|records|list)))?(?= *($|[.!?,;:]|pls|plz|please|now|and|already|completely))",
  // German.
  "was (speicherst|weißt|weisst|hast|sammelst) du",
  "wer (sieht|liest) meine (antworten|daten)",
  "(lösch|loesch|lösche|loesche|löschen|loeschen) (bitte )?(alles|meine daten|mein konto|meine antworten)",
  "meine daten (löschen|loeschen|entfernen)",
  "was (passiert|geschieht) (dann )?mit meinen (daten|antworten|angaben)",
  "was (macht|machst|machen) (ihr|du|sie|rapport) (dann )?mit meinen (daten|antworten)",
  "(lösch|loesch|lösche|loesche) mich",
  "mich (bitte |einfach |komplett )?(löschen|loeschen)",
  // Spanish.
  "qu[ée] (guardas|sabes|tienes|almacenas) (de|sobre) m[íi]",
  "qui[ée]n (ve|lee) mis (respuestas|datos)",
  "(borra|borrar|elimina|eliminar) (todo|mis datos|mi cuenta|mis respuestas)",
  "qu[ée] (pasa|pasar[áa]|sucede|ocurre) con mis (datos|respuestas|informaci[óo]n)",
  "qu[ée] (hacen|hac[ée]s|haces|har[áa]n) con mis (datos|respuestas)",
  "(b[óo]rrame|elim[íi]name)(?= *($|[.!?,;:]|por favor|porfa|ya|de (aqu[íi]|la lista|rapport)))",
];
/**
 * Seeing what one wrote: "can i see what i wrote", "kann ich meine antworten sehen", "puedo ver lo
 * que escribí". Answered with mydata alone: who sees it was not asked.
 */
const SEE_FORMS = [
  "(can|could|may) i (see|view|read|get|look at|have|download) (what i (wrote|said|answered|put|typed)|my (answers|data|info|comments|messages|check-?ins|results|scores|history))",
  "(kann|darf) ich (sehen|lesen|nachlesen|nachsehen|einsehen|anschauen)(,)? was ich (geschrieben|geantwortet|gesagt)",
  "(kann|darf) ich meine (antworten|daten|kommentare|nachrichten) (sehen|lesen|nachlesen|einsehen|anschauen)",
  "(puedo|podr[íi]a) (ver|leer|revisar) (lo que (escrib[íi]|puse|respond[íi]|dije)|mis (respuestas|datos|comentarios|mensajes))",
];
const whole = (forms: readonly string[]) => new RegExp(`(?<!\\p{L})(?:${forms.join("|")})(?!\\p{L})`, "iu");
const DATA = whole(DATA_FORMS);
const SEE = whole(SEE_FORMS);

/** Whether the words ask what rapport keeps about the client, who sees it, or to delete it. */
export function asksAboutData(text: string): boolean {
  return text.length <= 300 && (DATA.test(text) || SEE.test(text));
}

/** Whether the words ask only to see what the client wrote ("can i see what i wrote"). */
export function asksToSeeOwn(text: string): boolean {
  return text.length <= 300 && SEE.test(text) && !DATA.test(text);
}

/**
 * Words that take a deletion back ("actually keep it", "nvm dont delete", "nicht löschen", "no
 * borres nada"): said after the data reply, they are not the rest of a comment either. They get
 * that nothing was erased, which is true: only forget, confirmed, erases.
 */
const KEEP_FORMS = [
  "(do ?n[o']?t|dont|no need to|pls dont|please dont) (delete|erase|remove|wipe)",
  // "keep it" only as the whole request: "she told me to keep it to myself" is something else.
  "^(actually |ok |okay |no |nah |wait |pls |please |oh )*keep (it|them|it all|everything)( pls| please| actually)?$",
  "keep my (data|answers|stuff|info)",
  "never ?mind (about )?(deleting|the (delete|deleting|deletion)|erasing)",
  "(nicht|doch nicht) (löschen|loeschen)",
  "(lösch|loesch|lösche|loesche) (das |es |sie )?(doch )?nicht",
  "(doch )?behalten",
  "no (lo |los |nada |mis datos )?(borres|elimines)",
  "mejor no (borrar|eliminar)",
];
const KEEP = new RegExp(`(?<!\\p{L})(?:${KEEP_FORMS.join("|")})(?!\\p{L})`, "iu");

/** Whether the words take back a wish to have the client's data deleted. */
export function keepsData(text: string): boolean {
  return text.length <= 120 && KEEP.test(plainWords(text).replace(/[,;:]/gu, ""));
}
