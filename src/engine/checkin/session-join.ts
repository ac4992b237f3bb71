import type { Checkin, Client, PlanItem } from "../../store/types.js";
import { personWording, type Turn, therapistName } from "../turn-context.js";
import { SAFETY_INSTRUMENT, SESSION_INSTRUMENT } from "./instrument-plan.js";
import { stepMessage } from "./messages.js";
import { buildPlan } from "./plan.js";

/**
 * Begun this long before the after-session part falls due, an open check-in belongs to the same
 * session: a split schedule's before-session part goes an hour or so before it, and sessions on
 * different days are further apart (the same twelve hours as due-steps.ts's alreadyAsked).
 */
const SAME_SESSION_MS = 12 * 3_600_000;

/**
 * The open check-in's plan with the after-session questions added, or undefined when they do not
 * belong in it (it asks about the session already). They go before a safety question the client
 * has not reached, so that a check-in closing at its expiry with only the safety question and the
 * comment left has every measure answered (due-steps.ts); otherwise after what it asks. Pure.
 */
export function joinedPlan(
  open: Pick<Checkin, "plan" | "step">,
  added: readonly PlanItem[],
): PlanItem[] | undefined {
  if (added.length === 0 || open.plan.some((p) => p.instrument === SESSION_INSTRUMENT)) return undefined;
  const safety = open.plan.findIndex((p) => p.instrument === SAFETY_INSTRUMENT);
  const at = safety > open.step ? safety : open.plan.length;
  return [...open.plan.slice(0, at), ...added, ...open.plan.slice(at)];
}

/**
 * A split schedule's after-session part, due while the client is in the middle of that same
 * session's before-session part: the questions about the session join it, after the ones still
 * open, rather than close it. Closing it would lose the rest of the week's questions and read the
 * client's next tap, meant for the question in front of them, as an answer about the session. The
 * client is told, and shown where they were. False: not joined (not begun, another session's, or
 * about the session already), and the caller goes on as before.
 */
export async function joinSessionPart(
  turn: Turn,
  client: Client,
  open: Checkin,
  instruments: readonly string[],
): Promise<boolean> {
  const { tx, deps } = turn;
  if (Date.parse(turn.now) - Date.parse(open.createdAt) >= SAME_SESSION_MS) return false;
  // Not begun: nothing of the client's is in the middle of anything, and the new part goes as before.
  if ((await tx.lastAnswerAt(open.id)) === undefined) return false;
  const w = await personWording(tx, deps, client.personId);
  const added = buildPlan(instruments.map((id) => w.instrument(id)));
  const plan = joinedPlan(open, added);
  if (!plan || !(await tx.setCheckinPlan(open.id, plan))) return false;
  const therapist = await therapistName(tx, client);
  await turn.send(client.personId, {
    kind: "info",
    text: w.t("checkin_joined", { therapist, count: added.length }),
  });
  await turn.send(client.personId, stepMessage(w, { ...open, plan }, therapist));
  return true;
}
