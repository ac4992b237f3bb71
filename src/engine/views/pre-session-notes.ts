import { type AllianceTotal, allianceFall, belowSince } from "../../clinical/alliance-slide.js";
import type { Wording } from "../../prompts/render.js";
import type { CompletedCheckin, StoredRuleState } from "../../store/types.js";
import { allianceFallText } from "../checkin/headline-text.js";
import { type AllianceNow, ruleText } from "../checkin/warning-text.js";
import { oneLine } from "../client-text.js";

/**
 * `summary ALIAS`'s lines of what is said rather than scored: the warnings in force, and the last
 * comments, newest first, each on one line of at most so many characters.
 */
const COMMENTS = 3;
const COMMENT_CHARS = 140;

/** `alliance`: the episode's latest alliance total, which names the alliance rule by what applies. */
export function warningsLine(
  w: Wording,
  states: ReadonlyMap<string, StoredRuleState>,
  alliance?: AllianceNow,
): string {
  const active = [...states.entries()].filter(([, s]) => s.active);
  if (active.length === 0) return w.t("presession_no_warnings");
  const rules = active
    .map(([rule, s]) =>
      rule === "alliance" && alliance?.totals
        ? allianceWarning(w, s, { ...alliance, totals: alliance.totals })
        : w.t("presession_warning", { rule: ruleText(w, rule, "in_line", alliance), seq: s.sinceSeq ?? "-" }),
    )
    // A rule's own name can hold a comma or parentheses ("deteriorating (GAD-7)"): semicolons
    // keep one rule from running into the next.
    .join("; ");
  return w.t("presession_warnings", { rules });
}

/**
 * The alliance warning in force with the fall it is about, as `clients` and the summary's headline
 * name it. "since check-in N" names when this kind of warning began: a run that began as a drop
 * (38, above the line) and went below the line later is an "alliance warning" since its start,
 * below the line since the check-in it crossed, never a concern dated to a check-in above it.
 */
function allianceWarning(
  w: Wording,
  s: StoredRuleState,
  alliance: AllianceNow & { totals: readonly AllianceTotal[] },
): string {
  const below = belowSince(alliance.totals, alliance.concernBelow);
  const began = s.sinceSeq ?? below;
  const changed = below !== undefined && began !== undefined && below > began;
  const parts = [
    w.t("presession_warning", {
      rule: ruleText(w, "alliance", "in_line", changed ? undefined : alliance),
      seq: began ?? "-",
    }),
  ];
  const fall = allianceFall(alliance.totals, s.sinceSeq);
  if (fall) parts.push(allianceFallText(w, fall, alliance.total));
  if (changed) parts.push(w.t("presession_below_since", { threshold: alliance.concernBelow, seq: below }));
  return parts.join(", ");
}

export function commentLines(
  w: Wording,
  episode: readonly CompletedCheckin[],
  day: (iso: string) => string,
): string[] {
  const withComment = episode
    .filter((c) => c.comment)
    .slice(-COMMENTS)
    .reverse();
  if (withComment.length === 0) return [];
  return [
    w.t("presession_comments"),
    ...withComment.map((c) =>
      w.t("presession_comment", { date: day(c.completedAt ?? c.createdAt), comment: clip(c.comment ?? "") }),
    ),
  ];
}

function clip(text: string): string {
  // A comment sent in parts (comment-addition.ts) keeps a mark between them on its one line.
  const flat = text
    .split(/\r?\n/)
    .map(oneLine)
    .filter((line) => line !== "")
    .join(" / ");
  return flat.length <= COMMENT_CHARS ? flat : `${flat.slice(0, COMMENT_CHARS - 1)}…`;
}
