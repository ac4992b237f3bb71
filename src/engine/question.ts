/**
 * Whether a client's message asks something: a question mark, or a question's first word in the
 * client's language, since people leave the mark off in chat ("what happens if i say something
 * bad", "who sees this"), also after a word that leads in ("wait who sees this stuff"). Used where
 * rapport can only take an answer (the consent, a check-in's question): a question there is
 * answered in short instead of "please type a number".
 */
export function looksLikeQuestion(text: string, language: string): boolean {
  const t = text.trim().toLowerCase();
  const words = wordsAfterLeadIn(t, language);
  if (saysAsAnswer(t, words, language)) return false;
  // "4?" is an unsure answer, asked again as any other; "is this anonymous?" asks.
  if (hasQuestionMark(t)) return /\p{L}{2}/u.test(t);
  const [first = "", second = ""] = words;
  // A first word alone ("what") is not yet a question; "why not" is.
  return second !== "" && (QUESTION_WORDS[language]?.has(first) ?? false);
}

/** Whether the message begins with a question's first word ("who sees this?", "ok can i skip?"). */
export function startsAsQuestion(text: string, language: string): boolean {
  const lower = text.trim().toLowerCase();
  const words = wordsAfterLeadIn(lower, language);
  if (saysAsAnswer(lower, words, language)) return false;
  const [first = ""] = words;
  return QUESTION_WORDS[language]?.has(first) ?? false;
}

/**
 * Sayings that begin with a question's first word and answer, not ask: "kann sein" and "puede que
 * no" are a maybe, "who knows", "wer weiß" and "quién sabe" not knowing, "could be better" how a
 * week was. Read as questions, they got who sees the answers, and at the safety question the
 * client's doubt was lost. Said with a question mark and more words ("puede que mi jefe lo vea?"),
 * the message asks after all.
 */
const ANSWER_SAYINGS: Record<string, RegExp> = {
  en: /^(?:who knows|could be|could have been|would rather|would say|do not know|how it is|is what it is|will do)(?:\s|$)/u,
  de: /^(?:kann (?:schon |gut )?sein|könnte (?:schon |gut )?sein|koennte (?:schon |gut )?sein|wer weiß|wer weiss|was weiß ich|was weiss ich|wie immer|wie gesagt|kann ich nicht sagen)(?:\s|$)/u,
  es: /^(?:puede que|puede ser|quién sabe|quien sabe|qué va|que va|que sé yo|qué sé yo|que se yo)(?:\s|$)/u,
};

/** Whether the message (its `words` after a lead-in) is one of its language's sayings that answer. */
function saysAsAnswer(lower: string, words: readonly string[], language: string): boolean {
  const saying = ANSWER_SAYINGS[language];
  const match = saying?.exec(words.join(" "));
  if (!match) return false;
  // "who knows?" is rhetorical; "could be better, how many are left?" asks.
  const sayingWords = match[0].trim().split(" ").length;
  return !hasQuestionMark(lower) || words.length <= sayingWords + 2;
}

/** The words, without the ones that lead in to a question ("wait", "ok so", "oye"). */
function wordsAfterLeadIn(lower: string, language: string): string[] {
  const words = lower
    .replace(/^[¿¡]+/u, "")
    .split(/[\s,.!?¿¡…:;]+/u)
    .filter((w) => w !== "");
  const leadIns = LEAD_INS[language];
  let i = 0;
  while (i < words.length - 1 && leadIns?.has(words[i] ?? "")) i++;
  return words.slice(i);
}

/**
 * Words said before a question, per language, that leave it a question: "wait who sees this
 * stuff", "ok so what happens now", "moment, wer sieht das", "oye, quién ve esto". Never a yes or
 * no of its own weight ("yes", "ja", "sí"): "yes but what is this" stays unclear.
 */
const LEAD_INS: Record<string, ReadonlySet<string>> = {
  en: new Set("wait so ok okay um uh hmm hm oh and but sorry hey hi also actually well sry".split(" ")),
  de: new Set("moment warte also ok okay äh ähm hm hmm und aber sorry kurz hallo hey ach".split(" ")),
  es: new Set("espera oye pero y bueno vale ok perdón perdon hola eh pues".split(" ")),
};

/** A question mark in any of the forms people type: "?", Spanish "¿", full-width "？". */
export function hasQuestionMark(text: string): boolean {
  return QUESTION_MARK.test(text);
}

const QUESTION_MARK = /[?\u00BF\uFF1F]/u;

/**
 * The words questions start with, per language: "was" is a German question and an English
 * statement ("was a rough one"), so each language has its own.
 */
const QUESTION_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(
    "what whats what's wht who whos who's whom why how hows how's when where which can could will would does do did is are should".split(
      " ",
    ),
  ),
  de: new Set(
    "was wer wen wem wie warum wieso weshalb wann wo wohin kann können darf sieht liest bekommt".split(" "),
  ),
  es: new Set("qué que quién quien quiénes cómo cuándo dónde puedo puede".split(" ")),
};
