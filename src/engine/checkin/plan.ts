import type { Wording } from "../../prompts/render.js";
import type { Instrument } from "../../prompts/schema.js";
import type { Checkin, PlanItem } from "../../store/types.js";

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

/**
 * When an open check-in closes, in epoch milliseconds: its expiry job is due this long after it
 * was sent (flow.ts sendCheckin).
 */
export function expiresAt(checkin: Pick<Checkin, "createdAt">, expireAfterHours: number): number {
  return Date.parse(checkin.createdAt) + expireAfterHours * 3_600_000;
}

/**
 * Where an open check-in stands, counted as the client sees it: "question 3 of 9" numbers the
 * questions only (the intro's count), and the optional comment after them is named as such.
 */
export function progressOf(w: Wording, checkin: Pick<Checkin, "plan" | "step">): string {
  if (checkin.step >= checkin.plan.length) return w.t("progress_comment");
  return w.t("progress_question", { position: checkin.step + 1, count: checkin.plan.length });
}
