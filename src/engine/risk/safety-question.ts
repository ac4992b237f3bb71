import type { OutboundMessage } from "../../model.js";
import type { Wording } from "../../prompts/render.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { SAFETY_CHECK_REF } from "../refs.js";

/**
 * The safety question asked about a concern, with the safety instrument's own buttons and the
 * reference their presses carry. Only its wording changes with the moment (the first ask, once
 * more, after a request to stop, a late confirmation): `text` puts the instrument's item into it.
 */
export function safetyQuestion(w: Wording, text: (item: string) => string): OutboundMessage {
  const safety = w.instrument(SAFETY_INSTRUMENT);
  return {
    kind: "question",
    text: text(safety.items[0]?.text ?? ""),
    choices: (safety.choices ?? []).map((c) => ({ label: c.label, value: String(c.value) })),
    ref: SAFETY_CHECK_REF,
  };
}
