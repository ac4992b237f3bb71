/**
 * Repeat control (CLINICAL.md, "What the therapist receives"): a rule warns when it starts to
 * apply, and again only when it is clearly worse than at its last warning; when it stops
 * applying, a later return is a new warning. "Clearly worse" is measured on the score the rule
 * is about, lower being worse: a further reliable change for the progress rules, a further drop
 * of the drop threshold for the alliance.
 *
 * The state is kept per rule and episode, with the value at the last warning.
 *
 * One rule can hold two (CLINICAL.md: alliance concern and alliance drop on one check-in are one
 * warning): when the part not in force at the last warning starts to apply (a drop warned at 37,
 * then 35 with a drop threshold of 3: below 36 is a concern now), that is a rule starting to
 * apply, and it warns, clearly worse or not.
 */
export interface RuleState {
  /** The rule applied at the last check-in that measured what it is about. */
  active: boolean;
  /** The score at the last warning sent, if any. */
  warnedValue: number | null;
}

interface RepeatDecision {
  send: boolean;
  /** This check-in begins a run of the rule applying (a first warning, not a repeat). */
  starts: boolean;
  next: RuleState;
}

export function repeatDecision(
  previous: RuleState | undefined,
  applies: boolean,
  value: number,
  /** How much lower than at the last warning counts as clearly worse. */
  worseBy: number,
  /** A part of the rule that did not apply at its last warning applies now. */
  partStarts = false,
): RepeatDecision {
  if (!applies) {
    return {
      send: false,
      starts: false,
      next: { active: false, warnedValue: previous?.warnedValue ?? null },
    };
  }
  if (!previous?.active || previous.warnedValue === null) {
    return { send: true, starts: true, next: { active: true, warnedValue: value } };
  }
  // Compared in tenths: scores have one decimal.
  const worse = Math.round((previous.warnedValue - value) * 10) >= Math.round(worseBy * 10);
  return worse || partStarts
    ? { send: true, starts: false, next: { active: true, warnedValue: value } }
    : { send: false, starts: false, next: previous };
}
