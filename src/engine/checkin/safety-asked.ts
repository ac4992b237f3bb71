import type { Checkin, Client } from "../../store/types.js";
import type { Turn } from "../turn-context.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { type Step, stepOf } from "./plan.js";

/**
 * The check-in's safety question is the question a concern asks at once (CLINICAL.md, "Risk and
 * safety"). When the client already answered it after something they wrote earlier in this
 * check-in, asking it again minutes later reads as not having listened: the check-in moves past
 * it. Nothing is stored as the check-in's answer, so the summary says how it was asked ("no when
 * asked after what they wrote"), not that the check-in asked it. An answer still awaited, or not
 * given, leaves the question to be asked as usual.
 */
export async function pastAnsweredSafety(turn: Turn, client: Client, checkin: Checkin): Promise<Checkin> {
  if (!isSafetyQuestion(stepOf(checkin))) return checkin;
  const concern = await turn.tx.latestConcern(client.personId);
  if (concern?.checkinId !== checkin.id) return checkin;
  if (concern.safetyAnswer !== "yes" && concern.safetyAnswer !== "no") return checkin;
  const next = { ...checkin, step: checkin.step + 1 };
  await turn.tx.setCheckinStep(checkin.id, next.step);
  return next;
}

/** Whether the step is the check-in's own safety question. */
export function isSafetyQuestion(step: Step): step is Extract<Step, { kind: "item" }> {
  return step.kind === "item" && step.planItem.instrument === SAFETY_INSTRUMENT;
}
