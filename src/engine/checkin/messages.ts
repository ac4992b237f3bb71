import type { OutboundMessage } from "../../model.js";
import { fill, type Wording } from "../../prompts/render.js";
import type { Instrument } from "../../prompts/schema.js";
import type { Checkin } from "../../store/types.js";
import { CONSENT_NO, CONSENT_REF, CONSENT_YES, SKIP_VALUE, stepRef } from "../refs.js";
import { PROGRESS_INSTRUMENT, SAFETY_INSTRUMENT, SESSION_INSTRUMENT } from "./instrument-plan.js";
import { stepOf } from "./plan.js";

/** What the consent names: who, where, the crisis text, what a check-in asks, who hears of risk. */
export interface ConsentVars {
  therapist: string;
  clinic: string;
  crisis: string;
  /** The instruments of the client's check-in, in order, the safety question among them. */
  instruments: readonly Instrument[];
  /** Who gets an urgent alert nobody acknowledged, and after how long (risk.onCall). */
  onCall?: { minutes: number };
}

/**
 * The parts of the consent a clinic's settings decide: the questions of this client's check-in
 * ("4 about the session, 4 about how your week went and one yes-or-no question about your
 * safety"), and who is told at once of a disclosure, the on-call contact included when there is
 * one: a client agrees knowing who may read their words of distress.
 */
export function consentParts(
  w: Wording,
  vars: ConsentVars,
): { questions: string; urgent: string; brief: string } {
  const parts = vars.instruments.map((inst) => {
    const count = inst.items.length;
    if (inst.id === SAFETY_INSTRUMENT) return w.t("consent_about_safety");
    if (inst.id === SESSION_INSTRUMENT) return w.t("consent_about_alliance", { count });
    if (inst.id === PROGRESS_INSTRUMENT) return w.t("consent_about_progress", { count });
    return w.t("consent_about_measure", { count, title: inst.title });
  });
  const questions = new Intl.ListFormat(w.pack.language, { type: "conjunction" }).format(parts);
  const urgent = vars.onCall
    ? w.t("consent_urgent_on_call", {
        therapist: vars.therapist,
        clinic: vars.clinic,
        minutes: vars.onCall.minutes,
      })
    : w.t("consent_urgent", { therapist: vars.therapist });
  // The consent answered in short (a question at the consent) says it in a line.
  const brief = vars.onCall
    ? w.t("consent_urgent_brief_on_call", { therapist: vars.therapist, clinic: vars.clinic })
    : w.t("consent_urgent_brief", { therapist: vars.therapist });
  return { questions, urgent, brief };
}

/**
 * The message for the current step of a check-in: an item with its 0 to 10 choices, or the comment.
 * `intro`: false for a question asked again, whose section's intro the client has just read.
 */
export function stepMessage(w: Wording, checkin: Checkin, therapist: string, intro = true): OutboundMessage {
  const step = stepOf(checkin);
  const ref = stepRef(checkin);
  if (step.kind === "comment") {
    return {
      kind: "question",
      // Words kept during the check-in are in the comment already: the client need not repeat them.
      text: checkin.comment
        ? w.t("comment_prompt_kept", { therapist })
        : w.t("comment_prompt", { therapist }),
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
  const text =
    step.firstOfSection && intro
      ? `${w.t("section_intro", { title: instrument.intro })}\n\n${question}`
      : question;
  const choices = instrument.choices
    ? instrument.choices.map((c) => ({ label: c.label, value: String(c.value) }))
    : Array.from({ length: max - min + 1 }, (_, i) => ({ label: String(min + i), value: String(min + i) }));
  return { kind: "question", text, choices, ref };
}

export function consentMessage(w: Wording, vars: ConsentVars): OutboundMessage {
  const parts = consentParts(w, vars);
  return {
    kind: "question",
    text: fill(w.consent.text, {
      therapist: vars.therapist,
      clinic: vars.clinic,
      crisis: vars.crisis,
      questions: parts.questions,
      urgent: parts.urgent,
    }),
    choices: [
      { label: w.t("consent_yes"), value: CONSENT_YES },
      { label: w.t("consent_no"), value: CONSENT_NO },
    ],
    ref: CONSENT_REF,
  };
}

/** The question as sent, with a line before it (why it comes again, how to correct an answer). */
export function withLine(question: OutboundMessage, line: string): OutboundMessage {
  return { ...question, text: `${line}\n\n${question.text}` };
}
