import { plainWord } from "./command-synonyms.js";

/**
 * Words a therapist types that are no command of theirs and need more than a "did you mean": an
 * export, which is the clinic's admin command and not a chat word, and "remove"/"delete" a client,
 * which most often means ending the episode (discharge) rather than erasing for good, in the
 * languages rapport ships ("löschen", "borrar"). Pure: the router renders the note.
 */
type WordNote = { kind: "export"; alias: string } | { kind: "discharge"; alias: string };

/** Remove and delete, with accents set aside ("löschen" as "loschen"). */
const REMOVE_WORDS: ReadonlySet<string> = new Set([
  "remove",
  "delete",
  "loschen",
  "loeschen",
  "entfernen",
  "borrar",
  "eliminar",
]);

/** What "export csv" or "export alex" names after the word: a format is no alias. */
const FORMATS: ReadonlySet<string> = new Set([
  "csv",
  "fhir",
  "png",
  "pdf",
  "json",
  "xlsx",
  "excel",
  "all",
  "data",
]);

export function wordNoteOf(text: string): WordNote | undefined {
  const [rawHead = "", ...rest] = text.trim().split(/\s+/u);
  const head = rawHead.replace(/^\//u, "").toLowerCase();
  const alias = rest.find((word) => !word.startsWith("-") && !FORMATS.has(word.toLowerCase()));
  if (head === "export" || head === "download") return { kind: "export", alias: alias ?? "ALIAS" };
  if (REMOVE_WORDS.has(plainWord(head))) return { kind: "discharge", alias: rest[0] ?? "ALIAS" };
  return undefined;
}
