import type { Assessment } from "../../clinical/assessment.js";
import { parseMeasureRule } from "../../clinical/assessment.js";
import type { Wording } from "../../prompts/render.js";
import type { CaseloadEntry } from "../../store/types.js";
import { ruleText } from "../checkin/warning-text.js";

/** A warning in force that the caseload's state words do not name, with its words and rank. */
interface OtherWarning {
  rule: string;
  flag: string;
  rank: number;
}

/**
 * The warnings in force that a client's state does not already name: the rule method's "no
 * change yet" and "consider a change of plan" (on progress or on a measure), and a measure's "not
 * on track". Read from the findings of the latest check-in that asked about the week: repeat
 * control keeps a rule in force exactly while the latest check-in that evaluated it found it
 * (checkin/report.ts), so these are the rules `summary ALIAS` lists as in force. The alliance is
 * named from its own check-in (caseload.ts). A measure's "not on track" ranks as the progress one
 * does; the session-count rules with the alliance.
 */
export function otherWarnings(w: Wording, entry: CaseloadEntry, named: ReadonlySet<string>): OtherWarning[] {
  const findings = (entry.lastProgress?.assessment as Assessment | undefined)?.findings ?? [];
  const out: OtherWarning[] = [];
  for (const { rule } of findings) {
    if (rule === "alliance" || named.has(rule) || out.some((o) => o.rule === rule)) continue;
    const finding = parseMeasureRule(rule)?.finding ?? rule;
    const rank = finding === "not_on_track" || finding === "deteriorating" ? 1 : 2;
    out.push({ rule, flag: ruleText(w, rule, "in_line"), rank });
  }
  return out;
}
