import type { Instrument } from "../prompts/schema.js";
import type { Checkin, PlanItem } from "../store/types.js";

/**
 * A check-in is a fixed list of items (the plan, stored with the check-in so a later change of
 * prompts cannot reshuffle one in progress), followed by the optional comment.
 */
export function buildPlan(instruments: readonly Instrument[]): PlanItem[] {
  return instruments.flatMap((inst) => inst.items.map((item) => ({ instrument: inst.id, item: item.id })));
}

export type Step =
  | { kind: "item"; planItem: PlanItem; position: number; count: number; firstOfSection: boolean }
  | { kind: "comment" };

export function stepOf(checkin: Pick<Checkin, "plan" | "step">): Step {
  const planItem = checkin.plan[checkin.step];
  if (!planItem) return { kind: "comment" };
  const previous = checkin.plan[checkin.step - 1];
  return {
    kind: "item",
    planItem,
    position: checkin.step + 1,
    count: checkin.plan.length,
    firstOfSection: previous?.instrument !== planItem.instrument,
  };
}

/** The reference that buttons carry, so a press on an older question is recognised. */
export function stepRef(checkin: Pick<Checkin, "id" | "step">): string {
  return `checkin:${checkin.id}:${checkin.step}`;
}

export const CONSENT_REF = "consent";

/** Where an open check-in stands, counting the comment as the last question. */
export function progressOf(checkin: Pick<Checkin, "plan" | "step">): { position: number; count: number } {
  return { position: Math.min(checkin.step, checkin.plan.length) + 1, count: checkin.plan.length + 1 };
}
