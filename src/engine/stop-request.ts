/**
 * A wish to stop the check-ins for good, in the languages rapport speaks: "i want to stop doing
 * these", "i dont want to do these anymore", "i want to quit", "stop for good", "ich möchte
 * aufhören", "no quiero hacer esto más". rapport does not act on words: the client is told how to
 * stop (type stop, which pauses at once; tell the therapist, who can end them; forget, which
 * erases everything, confirmed first). Risk words come first ("i want to stop everything", "i want
 * to end it", "no quiero seguir" are screened before this is read), and words about life, not the
 * check-ins ("i want to quit my job", "ich will aufhören zu rauchen"), are not a wish to stop.
 */
const CHECKINS = "(check ?-?ins?|questions|questionnaires|surveys|messages|texts|forms)";
/** A pronoun for the check-ins only where the clause ends after it: "these thoughts" are not them. */
const END =
  "(?= *($|[.!?,;:]|(pls|plz|please|now|thanks|thx|ty|for good|forever|anymore|any more|completely|permanently|altogether|and|but|i|im|ok|okay|then|already|tbh|honestly|lol)(?!\\p{L})))";
// Not "them": "i want to stop them" is as often the thoughts, or other people, as the check-ins.
const THESE = `((the |these |thes |theese |those |any more |more |all the )?${CHECKINS}|(these|thes|theese|those|rapport|this app|this bot|the app|the bot)${END})`;
const WANT =
  "((want|would like|id like|wed like|need|going|have decided|decided|ready|think i want) to|wanna|gonna|want 2)";
const DOING = "(doing|getting|answering|receiving|filling (out|in)|with)";
const FOR_GOOD = "(for good|permanently|forever|for ever|completely|altogether|for always|once and for all)";

const STOP_FORMS = [
  `${WANT} (stop|quit|end|cancel) ${DOING} ${THESE}`,
  `${WANT} (stop|quit|cancel|unsubscribe from|opt out of) ${THESE}`,
  `${WANT} (quit|unsubscribe|opt out|withdraw)${END}`,
  `^(i )?quit${END}`,
  `how (do|can|would) i (stop|cancel|end|quit) ${THESE}`,
  `(do ?nt|dont|do not|no longer|not) (want|wanna) to (do|answer|get|receive|fill (out|in)|take part in|participate in|be part of|continue|continue with|keep doing|keep getting|keep answering) ${THESE}`,
  `(do ?nt|dont|do not|no longer) want ${THESE} (any ?more|no more)`,
  `(stop|quit|end|cancel|unsubscribe|opt out)( ${THESE})? ${FOR_GOOD}`,
  "unsubscribe",
  "opt (me )?out",
  "take me off (the list|this|these|rapport)",
  "remove me from (this|these|the list|rapport|the check ?-?ins)",
  "withdraw (from (this|these|rapport|the check ?-?ins)|my consent)",
  "cancel (my|the) (check ?-?ins|subscription|participation)",
  `(im|i am) (done|finished|through) with ${THESE}`,
  `(no more|never again) ${CHECKINS} (ever|${FOR_GOOD})`,
  // "no more check ins please" names no end: as good as for good ("no more till january" is a break).
  `no more ${CHECKINS}${END}`,
  // German
  "(will|möchte|moechte|mag|würde gern|wuerde gern|würde gerne|wuerde gerne) (das|die check-?ins|die fragen|diese (check-?ins|fragen)|sie) nicht mehr (machen|beantworten|bekommen|kriegen|ausfüllen|ausfuellen)",
  "(will|möchte|moechte|würde gern|wuerde gern|würde gerne|wuerde gerne) (hier |damit |jetzt |lieber )?(aufhören|aufhoeren|aussteigen|abbrechen|austreten)(?= *($|[.!?,;:]|bitte|mit (den|diesen|dem) (check-?ins|fragen|nachrichten|ganzen)|damit|für immer|fuer immer|endgültig|endgueltig))",
  "(nicht mehr|nie mehr|nie wieder) mitmachen",
  // "wie melde ich mich ab": asked how, in the order a question puts the words.
  "(melde|kann) ich mich (hier |davon |bei (dir|euch|rapport) )?(ab|abmelden|austragen)",
  "wie (kann|könnte|koennte) ich (das|die check-?ins|die fragen|die nachrichten) (abbestellen|abstellen|kündigen|kuendigen|beenden)",
  "(mich (hier |davon |bei (dir|euch|rapport) )?|bitte )(abmelden|austragen)",
  "^(abmelden|austragen|abbestellen|abmeldung)",
  "meld(e)? mich ab",
  "(für immer|fuer immer|endgültig|endgueltig|dauerhaft) (aufhören|aufhoeren|stoppen|beenden|abmelden|pausieren)",
  "(aufhören|aufhoeren|stoppen|stopp|stop|beenden) (für immer|fuer immer|endgültig|endgueltig|dauerhaft)",
  "keine lust mehr auf (die|diese) (check-?ins|fragen|nachrichten)",
  "nie (mehr|wieder) (check-?ins|fragen|nachrichten)",
  // Not "keine fragen mehr": that is "no more questions" of one's own.
  "keine (check-?ins|nachrichten) mehr(?= *($|[.!?,;:]|bitte|danke))",
  // Spanish
  "no quiero (hacer|contestar|responder|recibir|llenar|rellenar|seguir con|seguir haciendo|seguir contestando|seguir recibiendo) (esto|estos|estas|los cuestionarios|las preguntas|los mensajes|m[aá]s cuestionarios|m[aá]s preguntas)",
  "quiero (dejar|parar) (de (hacer|contestar|responder|recibir) )?(esto|estos|los cuestionarios|las preguntas|los mensajes)",
  "quiero (salirme|salir de (esto|aqu[ií]|los cuestionarios)|darme de baja|borrarme)",
  "darme de baja de (esto|aqu[ií]|los cuestionarios|rapport)",
  "(c[oó]mo )?(me doy|puedo darme|me puedo dar) de baja",
  "(parar|dejarlo|dejar esto|terminar|detenerlo|pararlo) para siempre",
  "(no|nunca) m[aá]s (cuestionarios|preguntas|mensajes) (nunca|para siempre)",
  "no m[aá]s (cuestionarios|mensajes)(?= *($|[.!?,;:]|por favor|porfa|gracias))",
];
const STOP = new RegExp(`(?<!\\p{L})(?:${STOP_FORMS.join("|")})(?!\\p{L})`, "iu");

/** Whether the words ask to stop the check-ins for good (or to leave rapport). */
export function asksToStopForGood(text: string): boolean {
  if (text.length > 300) return false;
  // "I don't want to do these anymore!!", "i'm done w these 🙄": apostrophes and emoji dropped,
  // the marks that end a clause kept.
  const said = text
    .toLowerCase()
    .replace(/['’`´]/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}\s.!?,;:-]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  return STOP.test(said);
}
