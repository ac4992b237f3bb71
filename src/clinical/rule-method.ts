import type { ChangeCategory } from "./reliable-change.js";

/**
 * The rule method of not-on-track detection (CLINICAL.md, always on):
 * - reliable deterioration at any check-in: "deteriorating";
 * - no reliable improvement by the 4th progress check-in of the episode: "no change yet"
 *   (Howard et al. 1986: most who benefit show change early);
 * - still none by the 8th: "consider a change of plan".
 * A client who started at or above the cutoff has little room to improve on this measure: the
 * two session-count rules do not apply to them (the ceiling rule); deterioration still does.
 * A reliable deterioration is no reliable improvement too: from the 4th, "no change yet" applies
 * beside it, so that one in force stays in force through a reliable fall and does not warn again
 * as new when the fall stops being reliable. It does not start beside one (`startsQuiet`): the
 * deterioration's warning says more, and its suggestion (a conversation, a review of goals and
 * approach) is already the deterioration's. "Consider a change of plan" is not quieted: CLINICAL.md
 * says "still no reliable improvement at the 8th" without exception, and its suggestion (another
 * approach, referral, consultation) is one the deterioration warning does not make; the client
 * falling furthest must not get the weakest signal.
 */
export interface RuleMethodSettings {
  noChangeAt: number;
  changePlanAt: number;
}

export type RuleMethodFinding = "deteriorating" | "no_change_yet" | "change_of_plan";

export function ruleMethod(
  input: { category: ChangeCategory; index: number; startedNonClinical: boolean },
  s: RuleMethodSettings,
): RuleMethodFinding[] {
  const findings: RuleMethodFinding[] = [];
  if (input.category === "deteriorated") findings.push("deteriorating");
  const improved = input.category === "improved" || input.category === "recovered";
  if (!improved && !input.startedNonClinical) {
    if (input.index >= s.changePlanAt) findings.push("change_of_plan");
    else if (input.index >= s.noChangeAt) findings.push("no_change_yet");
  }
  return findings;
}

/**
 * "No change yet" (of progress, or of a measure: "no_change_yet:phq9") that was not in force does
 * not start beside a reliable deterioration of the same measure; one in force stays in force.
 */
export function startsQuiet(rule: string, rules: readonly string[], inForce: boolean): boolean {
  const [finding, instrument] = rule.split(":");
  if (finding !== "no_change_yet" || inForce) return false;
  return rules.includes(instrument === undefined ? "deteriorating" : `deteriorating:${instrument}`);
}
