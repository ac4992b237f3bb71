/**
 * Questions about where and how long a client's answers are kept, and how they are read, in the
 * languages rapport speaks: "how long do you keep my answers?", "is it stored on some server?",
 * "is this encrypted", "does the bot use AI to read my messages", "wie lange speichert ihr das?",
 * "¿cuánto tiempo guardan mis datos?". They get where the answers are kept (the clinic's own
 * system, with no time limit of rapport's own) and who sees them, with mydata and forget; never
 * "nothing has been erased" (for the "keep my answers" in them) nor "I don't pass messages on".
 */
const THIS =
  "(this|that|it|these|them|everything|all this|all of this|my (answers|data|info|information|messages|comments|check-?ins|replies|results|scores|stuff)|what i (write|wrote|say|said|answer|put))";
const DAS = "(das|es|das hier|alles|meine (antworten|daten|nachrichten|angaben)|was ich schreibe)";
const ESTO = "(esto|eso|todo|mis (respuestas|datos|mensajes)|lo que escribo)";
const STORAGE_FORMS = [
  // How long.
  "how long (do|will|does|did|would) (you|u|rapport|this( app| bot)?|the (app|bot)|they|the clinic) (keep|store|save|hold|retain|have)",
  `how long (is|are|will) ${THIS} (be )?(kept|stored|saved|held|retained)`,
  "wie lange (speicherst|speichert|speichern|behältst|behaeltst|behaltet|behalten|bewahrst|bewahrt|hebst|hebt)",
  `wie lange (wird|werden|bleibt|bleiben) ${DAS}( \\p{L}+)? (gespeichert|aufbewahrt|aufgehoben|behalten)`,
  "cu[áa]nto tiempo (guardas|guardan|guarda|guard[áa]is|conservas|conservan|conserva|almacenas|almacenan|se guarda|se guardan|se conserva|se conservan)",
  // Where, and how safely.
  `(is|are) ${THIS} (stored|kept|saved|hosted|uploaded|sent) (on|in|to) (a |some |the |your |an? )?(server|servers|cloud|database|internet|online|external)`,
  `where (is|are|do|does) ${THIS} (get )?(stored|kept|saved)`,
  "where do my (answers|data|messages|comments) (go|end up)",
  `(is|are) ${THIS} (really |actually |fully |properly )?(encrypted|end to end encrypted|e2e|secure|stored securely)`,
  `(wird|werden|ist|sind) ${DAS} (auch |wirklich |irgendwo )?(auf einem server |in der cloud |online )?(gespeichert|verschlüsselt|verschluesselt|hochgeladen)`,
  `wo (wird|werden|ist|sind) ${DAS} (gespeichert|abgelegt)`,
  `(se guarda|se guardan|se almacena|se almacenan|est[áa] guardad[oa]|est[áa]n guardad[oa]s)( ${ESTO})? (en (un|alg[úu]n|el) servidor|en la nube|en internet)`,
  `d[óo]nde se (guarda|guardan|almacena|almacenan)`,
  `(${ESTO} )?(est[áa]|est[áa]n|va|van) (cifrad[oa]s?|encriptad[oa]s?)`,
];
/** How safely: "is this encrypted", "ist das verschlüsselt", "esto está cifrado?". */
const ENCRYPTED = /(?<!\p{L})(encrypt|verschl[üu]ssel|cifrad|cifra |encriptad|end to end|e2e)/iu;
/** How it is read: AI. */
const AI_FORMS = [
  "(do|does|are|is) (you|u|rapport|this|it|the bot|this bot|the app) (use|using|run on|uses) (ai|a i|an ai|chatgpt|chat gpt|gpt|openai|artificial intelligence|machine learning)",
  `(does|do|is|are|will) (an? )?(ai|a i|chatgpt|gpt|robot) (read|reading|see|seeing|analy[sz]e|analy[sz]ing) ${THIS}`,
  "(nutzt|benutzt|verwendet|verwendest|nutzen|verwenden) (du|ihr|der bot|das|rapport|die app) (eine )?(ki|ai|chatgpt|künstliche intelligenz)",
  "(liest|lesen|analysiert) (eine )?(ki|ai|chatgpt) (das|es|mit|meine nachrichten|meine antworten)",
  "(usas|usa|utilizas|utiliza|usan|utilizan) (ia|la ia|inteligencia artificial|chatgpt|ai)",
  `(lee|leen|analiza) (una )?(ia|inteligencia artificial|chatgpt) ${ESTO}`,
  // "are you an ai?", "is this ai", "r u a bot", "liest das eine KI?", "lo lee una IA?".
  "(are|r) (you|u) (an? )?(ai|a i|bot|robot|chatbot|chatgpt|gpt|real person|human|real)",
  "(is|iz) (this|it|that) (an? )?(ai|a i|bot|chatbot|robot|chatgpt|gpt|a real person|a human)",
  "(liest|lesen|analysiert) (das|es|meine nachrichten|meine antworten|das hier) (eine |ein )?(ki|ai|bot|chatgpt|computer|maschine)",
  "(bist du|ist das) (eine |ein )?(ki|bot|chatbot|roboter|mensch|echter mensch)",
  "(lo|la|los|las|esto) (lee|leen|analiza) (una |un )?(ia|inteligencia artificial|chatgpt|bot|m[áa]quina)",
  "(eres|es esto|esto es) (una |un )?(ia|bot|chatbot|robot|persona real|humano)",
];
const whole = (forms: readonly string[]) => new RegExp(`(?<!\\p{L})(?:${forms.join("|")})(?!\\p{L})`, "iu");
const STORAGE = whole(STORAGE_FORMS);
const AI = whole(AI_FORMS);

/**
 * What the words ask: how long or where the answers are kept ("kept"), whether they are encrypted
 * ("encrypted": it had the how-long answer, nothing about encryption), or whether AI reads them.
 */
export type KeptQuestion = "kept" | "ai" | "encrypted";

export function asksWhereKept(text: string): KeptQuestion | undefined {
  if (text.length > 200) return undefined;
  const said = text
    .toLowerCase()
    .replace(/['’]/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}?\s-]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  if (AI.test(said)) return "ai";
  if (!STORAGE.test(said)) return undefined;
  return ENCRYPTED.test(said) ? "encrypted" : "kept";
}
