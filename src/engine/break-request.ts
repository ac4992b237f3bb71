/**
 * A wish to pause the check-ins, in the languages rapport speaks: about the check-ins or rapport's
 * messages, not about life ("I can't stop crying", "I've had enough" are not a wish for fewer
 * questions). "pls stop messaging me" is one: whoever asks to be left alone is told how, with a
 * button that pauses. A break with an end ("stop till january", "no check ins for 2 weeks") is a
 * break too, and its button pauses until that day (client-break.ts).
 */
const CHECKINS = "(?:check[- ]?ins?|questions|questionnaires|messages|texts)";
const FOR_A_TIME =
  "(?:a while|a bit|now|the (?:holidays|summer|month|week)|(?:\\d+|one|two|three|four|six|a|a few|a couple(?: of)?) (?:days?|weeks?|wks?|months?))";
const UNTIL = "(?:until|till|til|untill|through|thru)";
/** Month names as the day words read them (schedule/day-range.ts), for a break with dates. */
const MONTHS =
  "(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)";

const BREAK_FORMS = [
  "a break(?! ?through)",
  "take a break",
  "pause (these|this|them|the check-?ins)",
  "pause (for|until|till|til|pls|plz|please|now|everything|it|my check-?ins)",
  "(can|could) (we|i|you) pause",
  `stop (these|this|them|then|the ${CHECKINS})`,
  // "can you stop doing these till january": not "stop doing this", which may be about oneself.
  `stop (doing|getting|answering|receiving|filling out|filling in) (these|them|the ${CHECKINS}|${CHECKINS})`,
  `stop ${UNTIL}`,
  `stop for ${FOR_A_TIME}`,
  "stop (messaging|texting|sending|writing|bugging|pinging|contacting|asking) (me|these|this)",
  "(do ?n[o']?t|dont) (message|text|contact|write to) me",
  `(do ?n[o']?t|dont) send (me )?(any|anything|these|more|${CHECKINS})`,
  "leave me alone",
  `no more (${CHECKINS}|of these|${UNTIL})`,
  `no ${CHECKINS} (${UNTIL}|for|pls|plz|please|this|next)`,
  // "no check ins dec 20 - jan 5 pls", "no questions from the 20th": with the days it is for.
  `no ${CHECKINS} (from|between|over|during|on|in|\\d{1,2}(st|nd|rd|th|\\.)?|${MONTHS})`,
  `(pls|plz|please) no (more )?${CHECKINS}`,
  `too many (${CHECKINS}|of these)`,
  `(hold off|skip)( on)? (these|them|the ${CHECKINS}|(the )?next (week|couple|few|\\d+|two|three))`,
  "tired of these",
  // German
  // "eine pause", and as people type it: "ne pause", "mal pause", "pause machen".
  "(eine|ne|'ne|mal) pause",
  "pause machen",
  "pausier(e|en|t)?",
  "(stopp|stop|pause|aufhören|aufhoeren) (bis|für|fuer)",
  "keine (check-?ins|check ins|fragen|nachrichten) mehr",
  "keine (check-?ins|check ins|nachrichten)",
  "(hör|hoer|hor) auf,? mir zu schreiben",
  "schreib(t)? mir nicht mehr",
  "lass mich in ruhe",
  // Spanish
  "un descanso",
  "una pausa",
  "pausar",
  "parar (esto|los cuestionarios)",
  "(parar|pausa|det[ée]n|detener)( los cuestionarios)? (hasta|durante)",
  // "para" is "for" as well as "stop": only at the start of a request is it the verb.
  "(^|porfa |por favor |puedes )para( los cuestionarios)? (hasta|durante)",
  "no más (cuestionarios|mensajes)",
  "deja de (escribirme|mandarme|enviarme)",
  "no me escribas",
  "no me (mandes|env[íi]es) (nada|más|mas|cuestionarios|mensajes)",
  "d[ée]jame en paz",
];
const BREAK = new RegExp(`(?<!\\p{L})(?:${BREAK_FORMS.join("|")})(?!\\p{L})`, "iu");

/** Whether the words ask for a break from the check-ins (or from rapport's messages). */
export function asksForBreak(text: string): boolean {
  return BREAK.test(text);
}

/**
 * Words of being away ("im away", "im on holiday", "ich bin … im urlaub", "estoy de vacaciones"):
 * with the days it is for ("im away from dec 20 to jan 5"), a break asked for; the caller checks the
 * days (client-break.ts), since being away alone ("im away this weekend, sorry") asks nothing.
 */
const AWAY_FORMS = [
  "(i ?m|i am|ill be|i will be|we ?re|we are|well be) (away|travelling|traveling|out of town|out of the country|abroad|on (holiday|holidays|vacation|leave))",
  "(away|on (holiday|holidays|vacation|leave)|out of town) (from|between|dec|jan|\\d)",
  // German
  "(bin|sind) (\\S+ ){0,6}(im urlaub|verreist|weg|nicht da|unterwegs|auf reisen)",
  "(im urlaub|verreist|urlaub) (vom|von|ab|zwischen)",
  // Spanish
  "(estoy|estar[ée]|estaremos|estamos) (\\S+ ){0,2}(de vacaciones|fuera|de viaje)",
  "(de vacaciones|fuera|de viaje) (del|desde|entre)",
];
const AWAY = new RegExp(`(?<!\\p{L})(?:${AWAY_FORMS.join("|")})(?!\\p{L})`, "iu");

export function speaksOfBeingAway(text: string): boolean {
  return AWAY.test(text.replace(/['’`´]/gu, ""));
}
