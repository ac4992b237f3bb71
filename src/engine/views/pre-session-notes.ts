import type { Wording } from "../../prompts/render.js";
import type { CompletedCheckin, StoredRuleState } from "../../store/types.js";
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
      w.t("presession_warning", { rule: ruleText(w, rule, "in_line", alliance), seq: s.sinceSeq ?? "-" }),
    )
    // A rule's own name can hold a comma or parentheses ("deteriorating (GAD-7)"): semicolons
    // keep one rule from running into the next.
    .join("; ");
  return w.t("presession_warnings", { rules });
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
