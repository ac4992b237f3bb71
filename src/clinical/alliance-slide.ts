import { round1 } from "./scores.js";

/**
 * The fall an alliance warning in force is about, in its own numbers, so that the summary's
 * headline, `clients` and `summary ALIAS` tell one story (CLINICAL.md, "What the therapist
 * receives"). A slide of 39, 38, 37, 36 warned at each step is a fall of 3 from 39, not "down 1
 * (37 → 36)"; and 36 to 35.5 below the concern line is not "steady" while a warning names it.
 *
 * The fall is measured from the highest total since the check-in before the warning's run began
 * (the total its first drop fell from), so that a fall in an earlier run, which stopped applying,
 * is not counted again. Wording only: it never decides whether a warning is sent.
 */
export interface AllianceFall {
  /** The highest total, and the (latest) check-in that had it. */
  from: number;
  seq: number;
  /** How far below it the latest total is. */
  by: number;
}

export interface AllianceTotal {
  seq: number;
  total: number;
}

/**
 * `totals`: the episode's alliance totals by check-in, oldest first, the latest included.
 * `sinceSeq`: the check-in whose warning began the run in force (null for states stored before
 * it was kept: the whole episode is looked at).
 */
export function allianceFall(
  totals: readonly AllianceTotal[],
  sinceSeq: number | null,
): AllianceFall | undefined {
  const latest = totals.at(-1);
  if (!latest) return undefined;
  const startAt = sinceSeq === null ? 0 : Math.max(0, totals.findIndex((t) => t.seq >= sinceSeq) - 1);
  let top: AllianceTotal | undefined;
  for (const t of totals.slice(startAt)) if (!top || t.total >= top.total) top = t;
  if (!top || top.total <= latest.total) return undefined;
  return { from: top.total, seq: top.seq, by: round1(top.total - latest.total) };
}

/**
 * The check-in from which the totals have been below the concern line without a break, up to the
 * latest: when an alliance warning that began as a drop became a concern. Undefined when the
 * latest total is not below it.
 */
export function belowSince(totals: readonly AllianceTotal[], concernBelow: number): number | undefined {
  let since: number | undefined;
  for (let i = totals.length - 1; i >= 0; i--) {
    const t = totals[i];
    if (!t || t.total >= concernBelow) break;
    since = t.seq;
  }
  return since;
}
