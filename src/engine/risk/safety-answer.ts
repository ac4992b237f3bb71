import { canonicalWords, screenTokens } from "../../clinical/risk-tokens.js";
import { choicePhrasesIn, phrasesIn } from "./phrase-index.js";
import { DENIES_ACTING, MAYBE_NOT, NOT_A_DENIAL, QUALIFIED_NO, UNSURE } from "./safety-hedges.js";

/** A choice of the safety question: its value, its button's label, the words that mean it. */
export interface SafetyChoice {
  value: number;
  label: string;
  words: readonly string[];
}

/**
 * Words that take back a "no" said before them, in each language rapport speaks: "no but i think
 * about it", "nein, aber manchmal", "no, pero a veces". Such a "no" is not one: the question is
 * asked once more, where "sometimes" is offered as an answer.
 */
const TAKEN_BACK = [
  "but",
  "though",
  "tho",
  "although",
  "except",
  "aber",
  "obwohl",
  "ausser",
  "pero",
  "aunque",
  "excepto",
];
const TAKEN_BACK_WORDS = new Set(TAKEN_BACK.flatMap((w) => canonicalWords(w)));

/**
 * A yes said as nothing more than a yes, in each language rapport speaks: beside a no with neither
 * taken back ("yeah nah", "nah yeah", "ja nein", "sí no"), it says nothing clear. Not a yes of how
 * often ("no, sometimes"), which says the more.
 */
const BARE_YES = new Set(
  [
    "yes",
    "y",
    "yeah",
    "yea",
    "ya",
    "yep",
    "yup",
    "ja",
    "jo",
    "jep",
    "jap",
    "jawohl",
    "si",
    "sí",
    "claro",
  ].flatMap((w) => canonicalWords(w)),
);

/** Whether a message says a bare yes ("yes 0", "ja, 0", "sí 0"): at a risk item that yes wins. */
export function saysBareYes(raw: string): boolean {
  return screenTokens(raw).words.some((w) => BARE_YES.has(w));
}

/**
 * Words that turn the yes after them into a no: "not once", "nicht einmal", "ni una vez". Not "no",
 * which stands before a yes as often as in one ("no, sometimes").
 */
const NEGATORS = new Set(["not", "never", "nicht", "nie", "ni", "nunca"].flatMap((w) => canonicalWords(w)));

/**
 * Before how often, "no" says "not" as well ("sí, pero no todos los días"), and a word between may
 * soften it ("not quite every day", "nicht ganz jeden Tag").
 */
const FREQUENCY_NEGATORS = new Set([...NEGATORS, ...canonicalWords("no")]);
const SOFTENERS = new Set(
  [
    "quite",
    "really",
    "exactly",
    "always",
    "nearly",
    "almost",
    "ganz",
    "wirklich",
    "immer",
    "fast",
    "realmente",
    "siempre",
    "casi",
  ].flatMap((w) => canonicalWords(w)),
);

/** Not knowing, and a "no" that denies nothing ("no idea", "no point"): read alike. */
const UNSURE_OR_NO_DENIAL = [...UNSURE, ...NOT_A_DENIAL];
/** Every hedge that is an answer's word though it names no choice. */
const ANY_HEDGE = [...UNSURE, ...NOT_A_DENIAL, ...MAYBE_NOT, ...DENIES_ACTING];

/**
 * The values of the choices whose words a message names as its own answer: "yeah nearly every
 * day" names "Nearly every day", but "yes but not every day" names none, for the words are denied.
 */
export function namedWithoutDenial(raw: string, choices: readonly SafetyChoice[]): number[] {
  const words = screenTokens(raw).words;
  const denied = (i: number) =>
    FREQUENCY_NEGATORS.has(words[i - 1] ?? "") ||
    (SOFTENERS.has(words[i - 1] ?? "") && FREQUENCY_NEGATORS.has(words[i - 2] ?? ""));
  const named = new Set(choicePhrasesIn(words, choices).flatMap((p) => (denied(p.start) ? [] : [p.value])));
  return choices.filter((c) => named.has(c.value)).map((c) => c.value);
}

/** Where a phrase stands in a message's words: from `start` up to, not including, `end`. */
interface Span {
  start: number;
  end: number;
}

/** Whether `inner` lies within `outer`; with `strict`, only when `outer` is the longer. */
function within(inner: Span, outer: Span, strict: boolean): boolean {
  const longer = outer.end - outer.start > inner.end - inner.start;
  return outer.start <= inner.start && inner.end <= outer.end && (longer || !strict);
}

/**
 * An answer to the safety question as people type it: "ya kinda", "yep 😔", "i guess", "a bit tbh",
 * "once" and "only passive thoughts" are a yes (over-asking is acceptable, missing a yes is not); "no",
 * "nope", "not really" a no, unless asked back ("no?") or taken back ("no but i think about it");
 * anything else is unclear. A choice's value or label counts too.
 *
 * A yes word inside a longer no phrase is part of that no: "probably not", "not really i guess" and
 * "i guess not" are hedged noes, not the yes their "probably" or "i guess" would be alone; "maybe
 * not" is unsure, asked again. Not
 * knowing beside a no is unsure, also where a pack counts not knowing alone as a yes ("no sé, creo
 * que no"): asked again, never a silent no, and never a yes the client took back in the same breath.
 * A no that says only that they would not act ("nah i wouldnt do anything") is unclear too.
 */
export function readSafetyAnswer(
  raw: string,
  choices: readonly SafetyChoice[],
  above: number,
): "yes" | "no" | "unclear" {
  const words = screenTokens(raw).words;
  const named = choicePhrasesIn(words, choices);
  const spans = (yes: boolean): Span[] =>
    named.filter(
      (p) => p.value > above === yes && !(yes && p.start > 0 && NEGATORS.has(words[p.start - 1] ?? "")),
    );
  const typed = (yes: boolean) =>
    choices.some((c) => c.value > above === yes && raw.trim() === String(c.value));
  // "no idea", "no point": a no that denies nothing is read as not knowing is, never as a no.
  const unsure = phrasesIn(words, UNSURE_OR_NO_DENIAL);
  const inUnsure = (s: Span) => unsure.some((u) => within(s, u, false));
  // "maybe not" is unsure only as the whole answer ("maybe not", "idk, maybe not?"): with more
  // said its "maybe" stands as the yes it always was ("maybe not actively", "maybe not, but i
  // think about it"), so that nothing a client adds can turn a disclosure into a question again.
  const maybeNot = phrasesIn(words, MAYBE_NOT);
  const covered = (i: number) => [...maybeNot, ...unsure].some((s) => s.start <= i && i < s.end);
  const doubts = maybeNot.length > 0 && words.every((_, i) => covered(i)) ? maybeNot : [];
  // The "no" of "no sé" is no no; the "probably" of "probably not" no yes, nor the "maybe" of a
  // "maybe not" said alone.
  const noes = spans(false).filter((s) => !inUnsure(s) && !doubts.some((d) => within(s, d, false)));
  const yeses = spans(true).filter(
    (s) => !noes.some((n) => within(s, n, true)) && !doubts.some((d) => within(s, d, false)),
  );
  const sure = yeses.filter((s) => !inUnsure(s));
  const takenBack = words.some((w) => TAKEN_BACK_WORDS.has(w));
  // "yeah nah", "ja nein": a bare yes and then a no, neither taken back and nothing else said,
  // are no answer either way. A yes after the no corrects it ("no, yes", "nah yeah", "nein, ja"),
  // and with more words the yes stands ("yes. no plan though", "yes, no plan").
  const bare = (s: Span) => s.end - s.start === 1 && BARE_YES.has(words[s.start] ?? "");
  const onlyThese = words.every((_, i) => [...sure, ...noes].some((s) => s.start <= i && i < s.end));
  const yesFirst =
    Math.max(...sure.map((s) => s.start)) < Math.min(...noes.map((n) => n.start), Number.POSITIVE_INFINITY);
  const yesThenNo = noes.length > 0 && sure.length > 0 && sure.every(bare) && yesFirst;
  if (yesThenNo && onlyThese && !takenBack) return "unclear";
  if (typed(true) || sure.length > 0) return "yes";
  if (doubts.length > 0) return "unclear";
  if (!typed(false) && noes.length === 0) return yeses.length > 0 ? "yes" : "unclear";
  // Not knowing, said as a yes ("no sé"), beside a no: not sure.
  if (yeses.length > 0) return "unclear";
  // "no?" is not sure: asked again, as an unsure answer to consent is.
  if (raw.includes("?") || takenBack) return "unclear";
  // "nah i wouldnt do anything": the thoughts admitted, the intent denied; asked again.
  if (unsure.length > 0 || phrasesIn(words, DENIES_ACTING).length > 0) return "unclear";
  // "mostly no", "nope, not anymore", "no, only last month": less than a no, asked again.
  if (phrasesIn(words, QUALIFIED_NO).length > 0) return "unclear";
  return "no";
}

/**
 * Whether a message holds any word of an answer to the safety question: a choice's label or words,
 * or a hedge ("idk", "maybe not", "i wouldnt do anything"). "i cant do this anymore" holds none:
 * written while the question waits, it is more words, not an answer.
 */
export function holdsAnAnswer(raw: string, choices: readonly SafetyChoice[]): boolean {
  const words = screenTokens(raw).words;
  return choicePhrasesIn(words, choices).length > 0 || phrasesIn(words, ANY_HEDGE).length > 0;
}

/**
 * Whether an answer says only that they would not act ("nah i wouldnt do anything"): the client
 * may be sure of that, so its re-ask says the question is about thoughts, not "it's all right not
 * to be sure".
 */
export function deniesActing(raw: string): boolean {
  return phrasesIn(screenTokens(raw).words, DENIES_ACTING).length > 0;
}
