import { editDistance } from "../../edit-distance.js";
import type { Choice } from "../../model.js";
import type { Wording } from "../../prompts/render.js";
import type { Instrument } from "../../prompts/schema.js";
import { scoreHint } from "./score-hint.js";
import { plainWords } from "./score-input.js";

type Option = NonNullable<Instrument["choices"]>[number];

/**
 * What a typed answer at an item with options comes close to, as score-hint.ts does for a number:
 * "2-3" or "1-2" lies between two options (asked which, with the two as buttons), and "gar nich"
 * or "mehr als die hälfe" is one option misspelt (asked whether it is meant). Only after the
 * answer was not read: a tapped button never comes here.
 */
export function choiceHint(
  w: Wording,
  instrument: Instrument,
  text: string,
): { line: string; only?: Choice[] } | undefined {
  const options = instrument.choices ?? [];
  const button = (o: Option): Choice => ({ label: o.label, value: String(o.value) });
  const hint = scoreHint(text, instrument.scale.min, instrument.scale.max, w.pack.messages.words);
  if (hint?.kind === "range") {
    const low = options.find((o) => o.value === hint.low);
    const high = options.find((o) => o.value === hint.high);
    if (low && high) {
      return {
        line: w.t("choice_reask_range", { low: low.label, high: high.label }),
        only: [button(low), button(high)],
      };
    }
  }
  const near = nearestOption(text, options);
  return near ? { line: w.t("choice_reask_spelling", { option: near.label }) } : undefined;
}

/**
 * The one option whose label or words are a letter or two away from what was typed ("gar nich",
 * "mehr als die hälfe"): one edit for a short word, two for one of ten letters or more; none when
 * two options are as near.
 */
function nearestOption(text: string, options: readonly Option[]): Option | undefined {
  const said = comparable(text);
  if ([...said].length < 4 || /\d/u.test(said)) return undefined;
  let best: { option: Option; distance: number } | undefined;
  let tied = false;
  for (const option of options) {
    for (const name of [option.label, ...option.words].map(comparable)) {
      const distance = editDistance(said, name);
      const allowed = Math.min(name.length, said.length) >= 10 ? 2 : 1;
      if (distance === 0 || distance > allowed) continue;
      if (!best || distance < best.distance) {
        tied = false;
        best = { option, distance };
      } else if (distance === best.distance && best.option.value !== option.value) tied = true;
    }
  }
  return best && !tied ? best.option : undefined;
}

function comparable(text: string): string {
  return plainWords(text).normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}
