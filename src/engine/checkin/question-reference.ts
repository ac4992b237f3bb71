/**
 * The question a client names when they correct an earlier answer: "I meant 5 for the first
 * question", "q3 should be 4", "frage 2 war falsch, 6", "la primera pregunta es un 7". Read so
 * that the number that names the question is not taken for the new answer, and so that the answer
 * corrected is the one named, not the one just before. Pure.
 */

const ORDINALS: readonly (readonly string[])[] = [
  ["first", "1st", "erste", "ersten", "erster", "primera", "primer", "primero"],
  ["second", "2nd", "zweite", "zweiten", "segunda", "segundo"],
  ["third", "3rd", "dritte", "dritten", "tercera", "tercer", "tercero"],
  ["fourth", "4th", "vierte", "vierten", "cuarta", "cuarto"],
  ["fifth", "5th", "fünfte", "fünften", "quinta", "quinto"],
  ["sixth", "6th", "sechste", "sechsten", "sexta", "sexto"],
  ["seventh", "7th", "siebte", "siebten", "séptima", "septima", "séptimo", "septimo"],
  ["eighth", "8th", "achte", "achten", "octava", "octavo"],
  ["ninth", "9th", "neunte", "neunten", "novena", "noveno"],
  ["tenth", "10th", "zehnte", "zehnten", "décima", "decima", "décimo", "decimo"],
];
const NOUN = "(?:question|one|q|frage|pregunta)";
const BY_NUMBER = /(?<![\p{L}\p{N}])(?:question|q|frage|pregunta|#)\s*#?(\d{1,2})(?![\p{N}])/u;
const BY_ORDINAL = new RegExp(
  `(?<![\\p{L}\\p{N}])(${ORDINALS.flat().join("|")})\\s+${NOUN}(?![\\p{L}\\p{N}])`,
  "u",
);
/** "the last one", "the previous question": the one just before, as with no question named. */
const LAST =
  /(?<![\p{L}])(?:last|previous|letzte|letzten|vorige|última|ultima|anterior)\s+(?:question|one|frage|pregunta)(?![\p{L}])/u;

interface QuestionReference {
  /** The question named, counted from 1 as the client sees it ("3/9."); undefined: none named. */
  position: number | undefined;
  /** The text without the words that name it. */
  rest: string;
}

export function questionReference(said: string): QuestionReference {
  const byNumber = BY_NUMBER.exec(said);
  if (byNumber) return { position: Number(byNumber[1]), rest: said.replace(byNumber[0], " ") };
  const last = LAST.exec(said);
  if (last) return { position: undefined, rest: said.replace(last[0], " ") };
  const byOrdinal = BY_ORDINAL.exec(said);
  if (byOrdinal) {
    const word = byOrdinal[1] ?? "";
    const position = ORDINALS.findIndex((forms) => forms.includes(word)) + 1;
    return { position, rest: said.replace(byOrdinal[0], " ") };
  }
  return { position: undefined, rest: said };
}
