import { plainWords } from "./score-input.js";

/**
 * What a client asks, or asks for, at a check-in's question instead of answering it: to skip it
 * ("can i skip this one?", "pass", "n/a"; "idk" and "not sure" are read so too, and get that the
 * answer closest to how it feels is fine), what it means ("what does approach mean",
 * "i don't get the question"), or how much is left ("how many left?", "how long does this take").
 * Each gets its own short answer before the question comes again; any other question (who sees
 * the answers, what happens to them) gets where the answers go. Pure: words in, a kind out.
 */
export type ItemQuestion = "skip" | "meaning" | "length";

/** Per language, in the order they are tried: asking to skip is read before a question's meaning. */
const FORMS: Record<string, readonly [ItemQuestion, RegExp][]> = {
  en: [
    [
      "skip",
      /^(?:skip|pass|next|n\/?a|no answer|rather not(?: say)?|idk|dunno|i don'?t know|i do not know|no idea|no clue|not sure|unsure|hard to say|can'?t say)$|\b(?:skip|skipping|pass on this|leave (?:it|this) (?:blank|out|empty)|(?:have|need|got) to answer|must i answer|rather not (?:say|answer)|not (?:answer|answering) (?:this|that|it))\b/u,
    ],
    [
      "meaning",
      /\bwhat (?:does|do|is|s|'s) .{0,40}\bmean\b|\bwhat (?:do|does) (?:you|it|that|this) mean\b|\bmeaning of\b|\b(?:i )?(?:don'?t|do not|dont) (?:understand|get (?:it|this|that|the question))\b|\bwhat (?:is|s|'s) (?:this|that|it) (?:asking|about)\b|\bconfus(?:ed|ing)\b|\bnot sure what (?:this|that|it) means\b/u,
    ],
    [
      "length",
      /\bhow (?:many|much) (?:more|left|longer|to go|questions)\b|\bhow long\b|\bhow many (?:are )?(?:there|left)\b|\b(?:almost|nearly) (?:done|finished|there|over)\b|\bare we (?:done|finished)\b|\bis (?:this|it) (?:the last|over|nearly over)\b|\bwhen (?:does|will) (?:this|it) end\b/u,
    ],
  ],
  de: [
    [
      "skip",
      /^(?:weiter|keine angabe|überspringen|ueberspringen|k\.?\s?a\.?|keine ahnung|weiß nicht|weiss nicht|weiß ich nicht|weiss ich nicht|unsicher|schwer zu sagen)$|(?:überspring|ueberspring|auslassen|weglassen|muss ich (?:das |die )?(?:nicht )?beantworten|möchte ich nicht (?:beantworten|sagen)|will ich nicht (?:beantworten|sagen))/u,
    ],
    [
      "meaning",
      /(?:was (?:heißt|heisst|bedeutet|meinst du|meinen sie|ist (?:damit |hier )?gemeint|soll (?:das|die frage) (?:heißen|heissen|bedeuten))|verstehe? (?:ich )?(?:das |die frage )?nicht|was ist mit .{0,40} gemeint)/u,
    ],
    [
      "length",
      /(?:wie (?:viele|lange|viel) (?:noch|fragen|dauert)|wie lange|noch viele|fast (?:fertig|geschafft)|wie viele noch)/u,
    ],
  ],
  es: [
    [
      "skip",
      /^(?:paso|siguiente|saltar|n\/?a|no s[ée]|ni idea|no estoy segur[oa]|dif[íi]cil de decir)$|(?:saltar(?:me|la|lo)?|omitir|tengo que (?:contestar|responder)|no quiero (?:contestar|responder|decir)|prefiero no (?:contestar|responder|decir))/u,
    ],
    [
      "meaning",
      /(?:qu[ée] (?:significa|quiere decir|es eso)|no (?:lo )?entiendo|no entiendo la pregunta|a qu[ée] se refiere|qu[ée] se refiere)/u,
    ],
    [
      "length",
      /(?:cu[áa]ntas (?:quedan|faltan|preguntas|m[áa]s)|cu[áa]nto (?:falta|tiempo|tarda|dura)|falta mucho|ya casi)/u,
    ],
  ],
};

/** What the message asks at a question, in the client's language; undefined when none of these. */
export function itemQuestion(text: string, language: string): ItemQuestion | undefined {
  // Apostrophes as people type them ("don’t"), punctuation at the ends set aside ("skip?").
  const words = plainWords(text.replace(/[\u2018\u2019`´]/gu, "'")).replace(/^[¿¡"']+|["']+$/gu, "");
  if (words === "" || words.length > 200) return undefined;
  for (const [kind, form] of FORMS[language] ?? FORMS.en ?? []) if (form.test(words)) return kind;
  return undefined;
}
