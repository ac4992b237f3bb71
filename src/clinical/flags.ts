import type { Thresholds } from "../config/clinic-config.js";
import type { Answer } from "../store/types.js";
import { round1, totalOf } from "./scores.js";

/**
 * The CLINICAL.md rules that apply to a single completed check-in, as facts for the summary.
 * Each flag names its rule and carries the numbers behind it. Pure: no storage, no wording.
 */
export type Flag =
  | { rule: "alliance_concern"; total: number; threshold: number }
  | { rule: "alliance_drop"; previous: number; total: number; drop: number }
  | { rule: "alliance_item"; item: string; value: number; threshold: number }
  | { rule: "progress_clinical"; total: number; cutoff: number }
  | { rule: "progress_improved"; first: number; total: number; change: number }
  | { rule: "progress_deteriorated"; first: number; total: number; change: number };

export interface FlagInput {
  answers: readonly Answer[];
  /** Answers of the previous completed check-in of the client, if any. */
  previous?: readonly Answer[];
  /** Answers of the first completed check-in of the episode, if it is not this one. */
  first?: readonly Answer[];
}

export const ALLIANCE = "alliance";
export const PROGRESS = "progress";

export function flagsFor(input: FlagInput, t: Thresholds): Flag[] {
  return [...allianceFlags(input, t), ...progressFlags(input, t)];
}

function allianceFlags({ answers, previous }: FlagInput, t: Thresholds): Flag[] {
  const total = totalOf(answers, ALLIANCE);
  if (total === undefined) return [];
  const flags: Flag[] = [];
  // "below 36": 35.9 warns, 36 does not.
  if (total < t.allianceConcern)
    flags.push({ rule: "alliance_concern", total, threshold: t.allianceConcern });
  const before = previous ? totalOf(previous, ALLIANCE) : undefined;
  if (before !== undefined) {
    const drop = round1(before - total);
    // "falls 1 point or more": a drop of exactly 1.0 warns.
    if (drop >= t.allianceDrop) flags.push({ rule: "alliance_drop", previous: before, total, drop });
  }
  for (const a of answers) {
    if (a.instrument === ALLIANCE && a.value < t.allianceItem) {
      flags.push({ rule: "alliance_item", item: a.item, value: a.value, threshold: t.allianceItem });
    }
  }
  return flags;
}

function progressFlags({ answers, first }: FlagInput, t: Thresholds): Flag[] {
  const total = totalOf(answers, PROGRESS);
  if (total === undefined) return [];
  const flags: Flag[] = [];
  if (total < t.progressCutoff) flags.push({ rule: "progress_clinical", total, cutoff: t.progressCutoff });
  const start = first ? totalOf(first, PROGRESS) : undefined;
  if (start !== undefined) {
    const change = round1(total - start);
    if (change >= t.progressReliableChange) {
      flags.push({ rule: "progress_improved", first: start, total, change });
    } else if (-change >= t.progressReliableChange) {
      flags.push({ rule: "progress_deteriorated", first: start, total, change });
    }
  }
  return flags;
}
