import type { Wording } from "../../prompts/render.js";
import type { RiskEvent } from "../../store/types.js";
import { mayCorrect, readCorrection } from "../checkin/correction.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";

/**
 * "oh no wait i meant no, sorry wrong button" after a tapped Yes to the safety question. A yes is
 * never taken back by a correction (the alert has gone, and the therapist follows it up), but the
 * client asked for something and is owed an answer that says so: their words go to the therapist
 * with the alert, and the answer stays as it is. Pure: the caller passes the alert's first event.
 */
export function takesYesBack(w: Wording, first: RiskEvent | undefined, text: string): boolean {
  // Only an alert a yes raised; after words ("i want to die"), "i meant no" retracts no answer.
  if (first?.source !== "safety_question" || !mayCorrect(text) || !w.hasInstrument(SAFETY_INSTRUMENT))
    return false;
  const safety = w.instrument(SAFETY_INSTRUMENT);
  const above = safety.riskItem?.above;
  if (above === undefined) return false;
  const yes = safety.choices?.find((c) => c.value > above)?.value ?? above + 1;
  const after = readCorrection(text, {
    value: yes,
    scale: safety.scale,
    choices: safety.choices,
    safetyAbove: above,
    words: w.pack.messages.words,
  });
  return after !== undefined && after <= above;
}
