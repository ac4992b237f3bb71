import type { OutboundMessage } from "../../model.js";
import { fill, type Wording } from "../../prompts/render.js";
import type { Checkin } from "../../store/types.js";
import { CONSENT_NO, CONSENT_REF, CONSENT_YES, SKIP_VALUE, stepRef } from "../refs.js";
import { stepOf } from "./plan.js";

/** The message for the current step of a check-in: an item with its 0 to 10 choices, or the comment. */
export function stepMessage(w: Wording, checkin: Checkin, therapist: string): OutboundMessage {
  const step = stepOf(checkin);
  const ref = stepRef(checkin);
  if (step.kind === "comment") {
    return {
      kind: "question",
      text: w.t("comment_prompt", { therapist }),
      choices: [{ label: w.t("comment_skip"), value: SKIP_VALUE }],
      ref,
    };
  }
  const instrument = w.instrument(step.planItem.instrument);
  const item = instrument.items.find((i) => i.id === step.planItem.item);
  const { min, max, low, high } = instrument.scale;
  const itemText = item?.text ?? step.planItem.item;
  const question = instrument.choices
    ? w.t("question_choice", { position: step.position, count: step.count, item: itemText })
    : w.t("question", { position: step.position, count: step.count, item: itemText, min, max, low, high });
  const text = step.firstOfSection
    ? `${w.t("section_intro", { title: instrument.intro })}\n\n${question}`
    : question;
  const choices = instrument.choices
    ? instrument.choices.map((c) => ({ label: c.label, value: String(c.value) }))
    : Array.from({ length: max - min + 1 }, (_, i) => ({ label: String(min + i), value: String(min + i) }));
  return { kind: "question", text, choices, ref };
}

export function consentMessage(
  w: Wording,
  vars: { therapist: string; clinic: string; crisis: string },
): OutboundMessage {
  return {
    kind: "question",
    text: fill(w.consent.text, { ...vars }),
    choices: [
      { label: w.t("consent_yes"), value: CONSENT_YES },
      { label: w.t("consent_no"), value: CONSENT_NO },
    ],
    ref: CONSENT_REF,
  };
}
