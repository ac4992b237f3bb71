/**
 * The words around a typed score that soften it without changing it ("idk maybe 6", "6 i guess",
 * "so ne 6", "como un 7"), in the languages rapport speaks, and how typed words are compared with
 * them: as people type without the keys ("ungefaehr", "wuerd", "diria"), "q" for "que", letters
 * stretched for effect ("sooo 7", "sieteee").
 */

/**
 * A typed word or phrase as compared: ä, ö, ü as ae, oe, ue and ß as ss (how German is typed
 * without the keys), other accents off ("diría" as "diria"), and "q" as "que" ("yo diria q 6").
 */
export function folded(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/ß/gu, "ss")
    .replace(/[äöü]/gu, (umlaut) => `${umlaut.normalize("NFD").charAt(0)}e`)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC")
    .replace(/(?<!\p{L})q(?!\p{L})/gu, "que");
}

/**
 * A list entry's spellings as typed text is compared with them: folded ("ungefähr" as
 * "ungefaehr"), and with its accents only dropped ("ungefahr"), since both are typed. The text
 * cannot be folded back instead: the "ue" of "que" or "blue" is no umlaut.
 */
function spellings(entry: string): string[] {
  const dropped = entry.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  return [...new Set([folded(entry), dropped])];
}

/** A letter typed three times or more for effect ("sooo", "sieteee", "achttt"): once. */
function destretched(text: string): string {
  return text.replace(/(\p{L})\1{2,}/gu, "$1");
}

/** Whether a letter is typed three times or more in a row: stretched, not misspelt. */
export function isStretched(text: string): boolean {
  return /(\p{L})\1{2,}/u.test(text);
}

/** Every letter once where it repeats ("three" as "thre"): how a stretched word is matched. */
export function squeezed(text: string): string {
  return text.replace(/(\p{L})\1+/gu, "$1");
}

/** Words that make what comes before the number a message of its own, to be asked about, not skipped. */
export const NEGATION =
  /\b(no|not|never|nope|nothing|cant|can't|don't|dont|won't|isn't|help|safe|scared|afraid|hurt\w*|cry\w*|pain|nicht|nein|kein\w*|nie|hilfe|angst|nunca|nada|tampoco|ayuda|miedo)\b|n't\b/u;

/**
 * Words that soften a number without changing it. Never a negation or a correction ("no", "not",
 * "actually"): "no, 5" is asked again. Nor "na" alone, which in English is a no ("na 5"): only
 * "na so", "na ja". A yes before the number ("jo 8", "yeah 8") agrees; it changes nothing.
 */
const HEDGE_WORDS = [
  ...["idk", "i dont know", "i don't know", "dunno", "maybe", "about", "around", "approx", "roughly"],
  ...["like", "prob", "probably", "prolly", "perhaps", "i guess", "i think", "id say", "i'd say"],
  ...["oof", "so", "well", "ok", "okay", "lol", "haha", "honestly", "tbh", "sorry", "kinda", "a"],
  ...["yeah", "yea", "yep", "yup", "yes", "solid"],
  ...["weiß nicht", "weis nicht", "keine ahnung", "ka", "vielleicht", "vlt", "vllt", "etwa"],
  ...["ungefähr", "ca", "circa", "ich denke", "ich glaube", "ich glaub", "eher", "so ne", "so eine"],
  ...["ne", "naja", "na ja", "na so", "also", "sagen wir", "sagen wir mal", "würde sagen", "würd sagen"],
  ...["ich würde sagen", "ich würd sagen", "ich sag mal", "sag ich mal", "ja", "jo", "joa", "jap", "jup"],
  // The article before a digit, as before a number word ("eine 4 weil …" as "ne vier weil …").
  ...["glatte", "glatt", "gute", "knappe", "eine", "'ne", "n"],
  ...["no sé", "ni idea", "quizás", "tal vez", "más o menos", "creo que", "pues", "un", "una", "como"],
  ...["unos", "unas", "tipo", "sobre", "diría", "yo diría", "diría que", "yo diría que", "digamos"],
  ...["digamos que", "sí", "bueno", "vale"],
];

/**
 * Sayings around a score that give it or say it is sure or fits: "def a 9", "jo passt 8", "i'd
 * give it a 7", "ponle 6", "le pongo un 7", "ich geb ne 7", "würd 7 sagen" (see dropSaying). Read
 * at a score question, never at a risk item, whose answer rules stay as they are (CLINICAL.md).
 */
const SAYING_WORDS = [
  ...["def", "defo", "deffo", "defs", "definitely", "obv", "obvs", "obviously", "fs", "for sure", "probs"],
  ...["give it", "i'd give it", "id give it", "i give it", "ill give it", "i'll give it"],
  ...["passt", "passt schon", "passt so", "würd", "würde", "ich würd", "ich würde"],
  ...["würd mal", "würde mal", "ich würd mal", "ich würde mal"],
  ...["ich gebe", "ich geb", "geb", "ich geb mal", "ich gebe mal", "geb mal"],
  ...["ponle", "ponele", "pon", "le pongo", "yo le pongo", "le pondría", "yo le pondría", "pondría"],
  ...["le doy", "yo le doy", "le daría", "yo le daría"],
  // What is said to be frank or offhand ("ngl 6", "lowkey a 7", "obvio un 9", "la verdad un 8").
  ...["ngl", "lowkey", "low key", "honestly tho", "obvio", "obvi", "la verdad", "ehrlich gesagt"],
  // What sums the answer up or says it as one's view ("overall i'd say five", "i would say 7",
  // "insgesamt 7", "en general un 8").
  ...[
    "overall",
    "all in all",
    "all things considered",
    "i would say",
    "would say",
    "id go with",
    "i'd go with",
  ],
  ...["insgesamt", "alles in allem", "im großen und ganzen", "unterm strich", "ich würde sagen"],
  ...["en general", "en total", "en resumen", "yo diría que", "diría que", "yo diria"],
];

/** Hedges that are sounds, typed as long as they last: "hmmm", "ummm", "ugh". */
const HEDGE_SOUNDS = ["hmm+", "hm+", "mm+", "um+", "uh+", "meh+", "eh+", "ugh+", "k\\.a\\."];

const escaped = (phrase: string) => phrase.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const hedgesOf = (words: readonly string[]) =>
  new RegExp(
    `^(?:(?:${[...HEDGE_SOUNDS, ...words.flatMap(spellings).map(escaped)].join("|")})(?:\\s+|$))*$`,
    "u",
  );
const HEDGES = hedgesOf(HEDGE_WORDS);
const HEDGES_AND_SAYINGS = hedgesOf([...HEDGE_WORDS, ...SAYING_WORDS]);

/**
 * Whether the words before a number are nothing but hedges ("", "idk maybe", "sooo ungefaehr"),
 * with `sayings` also the sayings that give a score ("def a", "jo passt", "ponle").
 */
export function onlyHedges(words: string, sayings = true): boolean {
  const said = folded(words);
  const hedges = sayings ? HEDGES_AND_SAYINGS : HEDGES;
  return hedges.test(said) || hedges.test(destretched(said));
}

/** A phrase list as compared: its entries' spellings, and the longest entry's word count. */
interface PhraseList {
  phrases: ReadonlySet<string>;
  longest: number;
}

function phraseList(entries: readonly string[]): PhraseList {
  const phrases = new Set(entries.flatMap(spellings));
  return { phrases, longest: Math.max(...entries.map((e) => e.split(" ").length)) };
}

/**
 * What may follow an answer without changing it: "5 lol", "6 i guess", "7 jaja", "4 tbh", "6 oder
 * so", "5 creo". Never "or 7", "but", "not": "6 or 7" and "5 but not really" are asked again.
 */
const TRAILING_WORDS = [
  ...["lol", "lool", "haha", "hahaha", "jaja", "jajaja", "hehe", "xd", "tbh", "lmao", "honestly"],
  ...["i guess", "i think", "i suppose", "id say", "i'd say", "i would say", "maybe", "probably"],
  ...["prob", "prolly", "or so", "ish", "roughly", "ok", "i reckon"],
  ...["oder so", "glaube ich", "glaub ich", "denke ich", "denk ich", "schätze ich", "schätz ich"],
  ...["würde ich sagen", "würd ich sagen", "würde ich mal sagen", "würd ich mal sagen", "sag ich mal"],
  ...["vielleicht", "vlt", "ungefähr"],
  ...["creo", "supongo", "diría", "diría yo", "yo diría", "o así", "más o menos", "quizás"],
];

const TRAILING = phraseList(TRAILING_WORDS);

/**
 * After a score only: a word that says the number fits ("8 passt", "8 bien", "7 good"). Not after
 * a named answer ("not at all fine"), where it could be part of what is said.
 */
const SCORE_TRAILING_WORDS = [
  ...TRAILING_WORDS,
  ...["good", "fine", "gut", "passt", "passt schon", "passt so", "bien", "está bien"],
];
export const SCORE_TRAILING = phraseList(SCORE_TRAILING_WORDS);

/**
 * SCORE_TRAILING with the sayings that say a score is sure or frank: "10 obv", "8 fs", "7 defo",
 * "9 obvio", "8 la verdad", "5 halt", "6 eigentlich" (after the number a German "eigentlich" is
 * "really", not the "actually" of a correction, which comes before it: "eigentlich 6").
 */
export const SAYING_TRAILING = phraseList([
  ...SCORE_TRAILING_WORDS,
  ...["obv", "obvs", "obviously", "fs", "for sure", "def", "defo", "deffo", "definitely", "ngl", "fr"],
  ...["halt", "eigentlich", "ehrlich", "ehrlich gesagt", "obvio", "obvi", "la verdad", "sinceramente"],
  // A number settled on after being asked again: "seven then", "sieben dann", "siete entonces".
  ...["then", "i guess then", "dann", "dann halt", "entonces", "pues", "overall", "insgesamt", "en general"],
]);

/** Takes the list's words off the end ("6 i guess lol" is "6"), as long as one word is left. */
export function dropTrailing(tokens: string[], list: PhraseList = TRAILING): void {
  for (let found = true; found && tokens.length > 1; ) {
    found = false;
    for (let words = Math.min(list.longest, tokens.length - 1); words >= 1 && !found; words--) {
      const said = folded(tokens.slice(-words).join(" "));
      if (list.phrases.has(said) || list.phrases.has(destretched(said))) {
        tokens.splice(-words);
        found = true;
      }
    }
  }
}

/**
 * Whether words after a score say nothing but what may follow one ("la verdad", "lol", "for sure"):
 * a filler, not a remark for the therapist.
 */
export function onlyFiller(words: string): boolean {
  const tokens = ["", ...words.split(/[\s,;:.!?…]+/u).filter((t) => t.length > 0)];
  dropTrailing(tokens, SAYING_TRAILING);
  return tokens.length === 1;
}

/** "würd", "würde" (typed "wuerd", "wurde" too): "would" before a number said with "sagen" after it. */
const WOULD = /^w(?:u|ue)rde?$/u;

/**
 * The "sagen" that closes a number said inside "würd … sagen" ("würd 7 sagen", "ich würde mal so
 * 7 sagen"): taken off the end, only where a "würd" comes before the number. A "sagen" alone
 * after it ("7 sagen") stays, and the message is asked again.
 */
export function dropSaying(tokens: string[]): void {
  if (tokens.length < 3 || folded(tokens.at(-1) ?? "") !== "sagen") return;
  if (tokens.slice(0, -2).some((token) => WOULD.test(folded(token)))) tokens.pop();
}

/**
 * Words that open a clause of its own after a number in words, with only a space between them
 * ("seven because it helped", "sechs weil …", "cuatro porque …", "five tbh the session was
 * rushed"): the number is a score, and the rest a remark. Any other word may make the number a
 * count ("one of those days", "two weeks ago", "uno de esos días") and the message is asked again.
 */
const CLAUSE_OPENERS = new Set(
  [
    ...["because", "cause", "cuz", "coz", "bc", "bcs", "cos", "since", "as", "tbh", "honestly", "ngl"],
    ...["lol", "haha", "i", "im", "i'm", "ive", "i've", "it", "its", "it's", "this", "that", "the"],
    ...["my", "we", "was", "felt", "today", "overall", "good", "great", "rough", "ok"],
    ...["weil", "da", "denn", "ehrlich", "ich", "es", "war", "die", "der", "das", "mein", "meine"],
    ...["heute", "echt", "gut", "porque", "pq", "xq", "porq", "que", "la", "el", "mi", "estoy"],
    ...["estaba", "fue", "me", "hoy", "jaja", "bien", "sinceramente", "honestamente"],
  ].map(folded),
);

/** Whether a remark starts with a word that opens a clause of its own (see CLAUSE_OPENERS). */
export function opensClause(remark: string): boolean {
  const first =
    remark
      .trim()
      .toLowerCase()
      .split(/[\s,;:.!?…]+/u)[0] ?? "";
  return CLAUSE_OPENERS.has(folded(first));
}
