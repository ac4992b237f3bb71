import { madeOnce } from "../../made-once.js";
import type { PromptCatalog } from "../../prompts/load.js";
import type { Wording } from "../../prompts/render.js";
import { type Instrument, riskItemsOf } from "../../prompts/schema.js";
import type { Checkin, PlanItem } from "../../store/types.js";
import { asksForBreak } from "../break-request.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { stepOf } from "./plan.js";
import { withShippedSafetyWords } from "./shipped-safety-words.js";

type Choice = NonNullable<Instrument["choices"]>[number];

/**
 * How a risk item's answer is read. The safety question reads a yes or no inside a sentence ("ya
 * kinda", "nope all good"); a measure's risk item (the PHQ-9's ninth, thoughts of being better off
 * dead) must too, or "yeah sometimes" is refused with a "didn't get that", and a client who
 * answered it may back down to 0. So at such an item the safety question's yes words go to the
 * measure's first answer above the threshold and its no words to the lowest, after the measure's
 * own words (so "sometimes" or "nearly every day" still name their own answer). Undefined at an
 * item that is no risk item. With the catalog, the safety question's yes and no words of the other
 * shipped languages count too ("nah" from a German client), where unambiguous.
 */
export function riskItemRules(
  w: Wording,
  instrument: Instrument | undefined,
  item: string | undefined,
  catalog?: PromptCatalog,
): { choices: readonly Choice[]; safetyAbove: number } | undefined {
  const risk = instrument && riskItemsOf(instrument).find((r) => r.item === item);
  if (!instrument?.choices || !risk) return undefined;
  const language = w.pack.language;
  if (instrument.id === SAFETY_INSTRUMENT) {
    return {
      choices: withShippedSafetyWords(catalog, language, instrument.choices, risk.above),
      safetyAbove: risk.above,
    };
  }
  if (!w.hasInstrument(SAFETY_INSTRUMENT)) return { choices: instrument.choices, safetyAbove: risk.above };
  const safety = w.instrument(SAFETY_INSTRUMENT);
  const safetyAbove = safety.riskItem?.above ?? 0;
  const safetyChoices = withShippedSafetyWords(catalog, language, safety.choices ?? [], safetyAbove);
  const key = `${risk.item} ${risk.above} ${safetyAbove}`;
  const own = instrument.choices;
  const ofInstrument = madeOnce(
    measureRules,
    instrument,
    () => new WeakMap<readonly Choice[], Map<string, RiskRules>>(),
  );
  const ofChoices = madeOnce(ofInstrument, safetyChoices, () => new Map<string, RiskRules>());
  return madeOnce(ofChoices, key, () => withSafetyWords(own, risk.above, safetyChoices, safetyAbove));
}

type RiskRules = { choices: readonly Choice[]; safetyAbove: number };

/**
 * A measure's risk item's rules, made once for its instrument and the safety words it takes: the
 * choices they make are indexed and made comparable once each (phrase-index.ts, input.ts), which
 * a copy made on every answer would undo.
 */
const measureRules = new WeakMap<Instrument, WeakMap<readonly Choice[], Map<string, RiskRules>>>();

/** The measure's choices with the safety question's yes words on its first answer above, its no words on its lowest. */
function withSafetyWords(
  own: readonly Choice[],
  above: number,
  safetyChoices: readonly Choice[],
  safetyAbove: number,
): RiskRules {
  const wordsOf = (yes: boolean) =>
    safetyChoices.filter((c) => c.value > safetyAbove === yes).flatMap((c) => [c.label, ...c.words]);
  const taken = new Set(own.flatMap((c) => [c.label, ...c.words]).map((x) => x.toLowerCase()));
  const sorted = [...own].sort((a, b) => a.value - b.value);
  const lowest = sorted[0];
  const firstAbove = sorted.find((c) => c.value > above);
  const add = (c: Choice, words: readonly string[]) => ({
    ...c,
    words: [...c.words, ...words.filter((x) => !taken.has(x.toLowerCase()))],
  });
  const choices = own.map((c) =>
    c === firstAbove ? add(c, wordsOf(true)) : c === lowest ? add(c, wordsOf(false)) : c,
  );
  return { choices, safetyAbove: above };
}

/** Whether a check-in's item is a risk item (the safety question, the PHQ-9's ninth). */
export function isRiskItem(w: Wording, item: PlanItem): boolean {
  return riskItemsOf(w.instrument(item.instrument)).some((r) => r.item === item.item);
}

/** Whether the check-in waits at a risk item. */
export function atRiskItem(w: Wording, checkin: Checkin): boolean {
  const step = stepOf(checkin);
  return step.kind === "item" && isRiskItem(w, step.planItem);
}

/**
 * Whether a no read at a risk item is words asking for a break ("no check ins dec 20 - jan 5 pls",
 * "no checkins next week pls, im away"): their "no" belongs to the break, not to the question, so
 * they are asked about as a break (reask-reason.ts). A yes is never set aside: missing a
 * disclosure is worse than a break asked twice.
 */
export function breakNotAnswer(
  text: string,
  value: number,
  rules: { safetyAbove: number } | undefined,
): boolean {
  return rules !== undefined && value <= rules.safetyAbove && asksForBreak(text);
}
