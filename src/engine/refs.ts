import type { Checkin } from "../store/types.js";

/**
 * Every reference a button carries back with a press, in one place: a press is matched to the
 * question it answers by these, and one on an older question changes nothing.
 */

/** The consent question. */
export const CONSENT_REF = "consent";
/** The values of the consent question's two buttons (typed, they answer it too, in any language). */
export const CONSENT_YES = "yes";
export const CONSENT_NO = "no";
/** The "erase everything?" question after `forget`. */
export const FORGET_REF = "forget";
/** The safety question asked about a concern. */
export const SAFETY_CHECK_REF = "safety-check";
/** The offer of another language the client asked for (language-offer.ts). */
export const LANGUAGE_REF = "language";
/** The value of the "Skip" button at a check-in's comment. */
export const SKIP_VALUE = "skip";

/** A check-in's current question: its id and step, so a press on an earlier step is recognised. */
export function stepRef(checkin: Pick<Checkin, "id" | "step">): string {
  return `checkin:${checkin.id}:${checkin.step}`;
}

/** An urgent alert's "I've seen this". */
export function alertRef(alertId: number): string {
  return `risk:${alertId}`;
}
