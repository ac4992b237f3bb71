import type { ChangeCategory } from "./reliable-change.js";

/**
 * The rule method of not-on-track detection (CLINICAL.md, always on):
 * - reliable deterioration at any check-in: "deteriorating";
 * - no reliable improvement by the 4th progress check-in of the episode: "no change yet"
 *   (Howard et al. 1986: most who benefit show change early);
 * - still none by the 8th: "consider a change of plan".
 * A client who started at or above the cutoff has little room to improve on this measure: the
 * two session-count rules do not apply to them (the ceiling rule); deterioration still does.
 * A reliable deterioration says more than "no reliable improvement" at the 4th: beside it "no
 * change yet" stays quiet, since its name would be untrue of a reliable fall and its suggestion (a
 * conversation, a review of goals and approach) is already the deterioration's. "Consider a change
 * of plan" is not quieted: CLINICAL.md says "still no reliable improvement at the 8th" without
 * exception, and its suggestion (another approach, referral, consultation) is one the deterioration
 * warning does not make; the client falling furthest must not get the weakest signal.
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
    else if (input.index >= s.noChangeAt && input.category !== "deteriorated") findings.push("no_change_yet");
  }
  return findings;
}
