import { parseMeasureRule, type WarningRule } from "../../clinical/assessment.js";
import type { Wording } from "../../prompts/render.js";
import type { SummaryInput, SummaryWarning } from "./summary-text.js";
import { type AllianceNow, ruleText, warningText } from "./warning-text.js";

/**
 * The warnings part of a check-in's summary (CLINICAL.md, "What the therapist receives"): under
 * "Warnings:" only those sent now, the most serious first; the rules still in force from an
 * earlier warning on one quiet line; and a line for each rule that stopped applying. Pure.
 */

/** A rule that applied at the last check-in that measured it, and no longer does. */
export interface EndedWarning {
  rule: WarningRule;
  /** This check-in's total of the rule's measure. */
  total: number;
  /** Its total at the last check-in that measured it, where the rule still applied. */
  was: number;
  wasSeq: number;
}

/** Risk comes before the warnings; among them deterioration, then not on track, then the alliance. */
function rank(rule: string): number {
  if (rule === "alliance") return 2;
  return (parseMeasureRule(rule)?.finding ?? rule) === "deteriorating" ? 0 : 1;
}

export function bySeverity<T extends { finding: { rule: string } }>(warnings: readonly T[]): T[] {
  return [...warnings].sort((a, b) => rank(a.finding.rule) - rank(b.finding.rule));
}

export function warningLines(w: Wording, input: SummaryInput, compact: boolean): string[] {
  const ordered = bySeverity(input.warnings);
  const sent = ordered.filter((x) => x.sent);
  const lines = sent.length > 0 ? [w.t("summary_warnings")] : [];
  for (const { finding, warnedSeq, again, allianceRepeat } of sent) {
    const repeat = allianceRepeat ? { allianceRepeat, short: compact } : {};
    lines.push(
      `- ${warningText(w, finding, input.assessment, { ...input, again: again ? warnedSeq : null, ...repeat })}`,
    );
  }
  // The compact style is the warnings sent now and the comment, nothing more.
  if (compact) return lines;
  const held = ordered.filter((x) => !x.sent);
  if (held.length > 0) lines.push(w.t("summary_still_in_force", { rules: heldText(w, input, held) }));
  for (const e of endedShown(input)) {
    lines.push(
      w.t("summary_no_longer_applies", {
        rule: ruleText(w, e.rule, "heading", allianceAt(input, e.was)),
        total: e.total,
        was: e.was,
        seq: e.wasSeq,
      }),
    );
  }
  return lines;
}

/**
 * "deteriorating, not on track since check-in 2; alliance concern since check-in 1", as `summary`
 * says it. An alliance warning that began as a drop above the concern line and went below it later
 * is dated as `summary` dates it: "alliance warning since check-in 2, below 36 since check-in 4",
 * never a concern dated to a check-in above the line.
 */
function heldText(w: Wording, input: SummaryInput, held: readonly SummaryWarning[]): string {
  const groups = new Map<number | string, string[]>();
  const apart: string[] = [];
  for (const x of held) {
    const since = x.sinceSeq ?? x.warnedSeq ?? "-";
    const below = x.finding.rule === "alliance" ? input.assessment.alliance?.belowSince : undefined;
    if (below !== undefined && typeof since === "number" && below > since) {
      const rules = ruleText(w, "alliance", "in_line");
      apart.push(
        `${w.t("summary_still_in_force_since", { rules, seq: since })}, ${w.t("presession_below_since", { threshold: input.allianceConcern, seq: below })}`,
      );
      continue;
    }
    const names = groups.get(since) ?? [];
    names.push(ruleText(w, x.finding.rule, "in_line", allianceAt(input, input.assessment.alliance?.total)));
    groups.set(since, names);
  }
  return [...groups]
    .map(([seq, names]) => w.t("summary_still_in_force_since", { rules: names.join(", "), seq }))
    .concat(apart)
    .join("; ");
}

/**
 * The rules that stopped applying, less "no change yet" where a graver rule of the same measure
 * took its place (a reliable fall, or "consider a change of plan" at the 8th): that is no end.
 */
function endedShown(input: SummaryInput): EndedWarning[] {
  const now = new Set(input.warnings.map((x) => x.finding.rule));
  return (input.ended ?? []).filter((e) => {
    const m = parseMeasureRule(e.rule);
    if ((m?.finding ?? e.rule) !== "no_change_yet") return true;
    const graver = m
      ? [`deteriorating:${m.instrument}`, `change_of_plan:${m.instrument}`]
      : ["deteriorating", "change_of_plan"];
    return !graver.some((r) => now.has(r as WarningRule));
  });
}

/** The alliance rule is named by its total (concern below the line, drop at or above it). */
function allianceAt(input: SummaryInput, total: number | undefined): AllianceNow | undefined {
  return total === undefined ? undefined : { total, concernBelow: input.allianceConcern };
}
