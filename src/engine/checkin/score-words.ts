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
export function destretched(text: string): string {
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
  ...["glatte", "glatt", "gute", "knappe"],
  ...["no sé", "ni idea", "quizás", "tal vez", "más o menos", "creo que", "pues", "un", "una", "como"],
  ...["unos", "unas", "tipo", "sobre", "diría", "yo diría", "diría que", "yo diría que", "digamos"],
  ...["digamos que", "sí", "bueno", "vale"],
];

/** Hedges that are sounds, typed as long as they last: "hmmm", "ummm", "ugh". */
const HEDGE_SOUNDS = ["hmm+", "hm+", "mm+", "um+", "uh+", "meh+", "eh+", "ugh+", "k\\.a\\."];

const escaped = (phrase: string) => phrase.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const HEDGES = new RegExp(
  `^(?:(?:${[...HEDGE_SOUNDS, ...HEDGE_WORDS.flatMap(spellings).map(escaped)].join("|")})(?:\\s+|$))*$`,
  "u",
);

/** Whether the words before a number are nothing but hedges ("", "idk maybe", "sooo ungefaehr"). */
export function onlyHedges(words: string): boolean {
  const said = folded(words);
  return HEDGES.test(said) || HEDGES.test(destretched(said));
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

export const TRAILING = phraseList(TRAILING_WORDS);

/**
 * After a score only: a word that says the number fits ("8 passt", "8 bien", "7 good"). Not after
 * a named answer ("not at all fine"), where it could be part of what is said.
 */
export const SCORE_TRAILING = phraseList([
  ...TRAILING_WORDS,
  ...["good", "fine", "gut", "passt", "passt schon", "passt so", "bien", "está bien"],
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
