import type { Instrument } from "../prompts/schema.js";
import type { MeasureProfile } from "./profiles.js";

/**
 * A measure's choices with its profile's everyday words added in the copy's language, so "most
 * days" typed at a PHQ-9 item selects "More than half the days" as its label would. The words go
 * to the choice whose answer code (from the questionnaire's FHIR block) they were written for, so
 * a questionnaire with other answers gets none. A word the clinic's file already gives a choice,
 * as its label or one of its words, stays the clinic's: the profile does not add it elsewhere.
 */
export function withAnswerWords(
  copy: Instrument,
  profile: MeasureProfile,
  language: string,
  answers: NonNullable<Instrument["fhir"]>["answers"],
): Instrument {
  if (!copy.choices || !answers) return copy;
  const taken = new Set(copy.choices.flatMap((c) => [c.label, ...c.words].map(plain)));
  const choices = copy.choices.map((choice) => {
    const code = answers.find((a) => a.value === choice.value)?.code;
    const added = (code ? (profile.answerWords[code]?.[language] ?? []) : []).filter(
      (w) => !taken.has(plain(w)),
    );
    return added.length === 0 ? choice : { ...choice, words: [...choice.words, ...added] };
  });
  return { ...copy, choices };
}

/**
 * The fallback language's copy of a measure, for a client whose language has no prompts for it:
 * its questions and options as they are, with the client's language's answer words added by the
 * choices' answer codes, so a Spanish client asked the English PHQ-9 may answer "a veces". A word
 * the fallback's copy already gives a choice (its label, the clinic's words, the fallback
 * language's answer words) stays with that choice. Undefined for an instrument without a profile.
 */
export function borrowedCopy(fallbackCopy: Instrument, language: string): Instrument | undefined {
  const { profile } = fallbackCopy;
  if (!profile) return undefined;
  return { ...withAnswerWords(fallbackCopy, profile, language, fallbackCopy.fhir?.answers), profile };
}

function plain(word: string): string {
  return word.trim().toLowerCase();
}
