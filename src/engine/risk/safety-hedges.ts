/**
 * The hedges read in an answer to the safety question (`safety-answer.ts`), in each language
 * rapport speaks: words beside a no that make it no clean no, so the question is asked again.
 */

/**
 * Not knowing, said beside a no ("weiß nicht, eher nein", "idk, no?"): not sure, so asked again,
 * as not knowing alone is; never the plain no the therapist would read.
 */
export const UNSURE = [
  "idk",
  "dunno",
  "i do not know",
  "not sure",
  "unsure",
  "weiß nicht",
  "weiss nicht",
  "weiß ich nicht",
  "keine ahnung",
  "nicht sicher",
  "unsicher",
  "no estoy seguro",
  "no estoy segura",
  "no sé",
  "no lo sé",
  "ni idea",
];

/**
 * Words that begin with a no and deny nothing ("no idea", "no comment", "there's no point", "kein
 * Plan", "sin comentarios"): the no in them is no answer, so the question is asked again, and
 * what was said is kept as no clear answer if it is left. "no point" may be hopelessness as well:
 * never a no (the risk lists screen its longer forms as a concern).
 */
export const NOT_A_DENIAL = [
  "no idea",
  "no clue",
  "no comment",
  "no comments",
  "no point",
  "theres no point",
  "there is no point",
  "no way to know",
  "no way of knowing",
  "no way to tell",
  "no way of telling",
  "no answer",
  "no opinion",
  "kein plan",
  "keinen plan",
  "keine idee",
  "kein kommentar",
  "keinen kommentar",
  "kein sinn",
  "keinen sinn",
  "keine antwort",
  "no tengo idea",
  "sin comentarios",
  "sin comentario",
  "no tiene sentido",
  "no hay manera de saber",
  "no hay forma de saber",
  "no sabría decir",
  "no sabría decirte",
];

/**
 * Words beside a no that make it less than a no: how much of the time ("mostly no", "no (mostly)",
 * "meistens nicht", "mayormente no"), which leaves times when there were thoughts, and thoughts that
 * have passed ("nope, not anymore", "no, only last month", "nicht mehr", "ya no"), which admit them.
 * Neither is the clean no the therapist would read: asked again, where "sometimes" is offered as an
 * answer, and kept as no clear answer if left. Not a yes: "mostly no" names no thoughts, and the
 * question is about the past week; the client says which, and the words reach the therapist.
 */
export const QUALIFIED_NO = [
  "mostly",
  "mainly",
  "largely",
  "usually",
  "generally",
  "for the most part",
  "anymore",
  "any more",
  "no longer",
  "no more",
  "not lately",
  "not recently",
  "used to",
  "last month",
  "last year",
  "weeks ago",
  "months ago",
  "a while ago",
  "a while back",
  "in the past",
  "previously",
  "meistens",
  "größtenteils",
  "hauptsächlich",
  "überwiegend",
  "nicht mehr",
  "früher",
  "letzten monat",
  "letztes jahr",
  "vor ein paar wochen",
  "vor einem monat",
  "vor kurzem",
  "mayormente",
  "casi siempre",
  "en general",
  "ya no",
  "antes",
  "el mes pasado",
  "el año pasado",
  "hace unas semanas",
  "hace un mes",
  "hace tiempo",
  "solía",
  "en el pasado",
  "últimamente no",
  "no últimamente",
];

/**
 * A "maybe" turned by a no ("maybe not", "vielleicht nicht", "quizás no"): neither the yes its
 * "maybe" would be alone nor a no the therapist would read as settled, so it is asked again.
 */
export const MAYBE_NOT = [
  "maybe not",
  "perhaps not",
  "possibly not",
  "maybe no",
  "vielleicht nicht",
  "vielleicht nein",
  "kann sein dass nicht",
  "eventuell nicht",
  "quizás no",
  "quizá no",
  "tal vez no",
  "puede que no",
];

/**
 * Saying one would not act ("nah i wouldnt do anything", "nein, ich würde nichts tun", "no, no
 * haría nada"): beside a no it admits the thoughts and denies only the intent, so it is no clean
 * no. Asked again, as a hedge is; the words go to the therapist with the unclear answer.
 */
export const DENIES_ACTING = [
  "would not do anything",
  "would never do anything",
  "will not do anything",
  "not going to do anything",
  "would not act on",
  "would never act on",
  "will not act on",
  "not going to act on",
  "never act on",
  "würde nichts tun",
  "würde nie etwas tun",
  "würde nie was tun",
  "würde nichts machen",
  "würde nie was machen",
  "werde nichts tun",
  "werde nichts machen",
  "würde es nie tun",
  "no haría nada",
  "nunca haría nada",
  "no voy a hacer nada",
  "no lo haría",
  "nunca lo haría",
];
