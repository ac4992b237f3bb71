/**
 * Clinical cutoffs of the progress check-in by age band (CLINICAL.md):
 * adults (18+) 25 (ORS norms), 13 to 17 28 (PCOMS guidance, unconfirmed in a primary
 * source, so configurable), 6 to 12 32 (child version norms). Below the cutoff is the clinical range.
 */
export interface Cutoffs {
  adult: number;
  adolescent: number;
  child: number;
}

export type AgeBand = "adult" | "adolescent" | "child";

export const MIN_AGE = 6;
export const MAX_AGE = 120;

/** An unknown age counts as adult, the default of the published norms. */
export function ageBand(age: number | null | undefined): AgeBand {
  if (age === null || age === undefined || !Number.isFinite(age) || age >= 18) return "adult";
  if (age >= 13) return "adolescent";
  return "child";
}

export function cutoffFor(
  age: number | null | undefined,
  cutoffs: Cutoffs,
): { band: AgeBand; cutoff: number } {
  const band = ageBand(age);
  return { band, cutoff: cutoffs[band] };
}
