import { bandIndex } from "../../clinical/measure.js";
import { totalOf } from "../../clinical/scores.js";
import { bandLabel } from "../../instruments/profiles.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal } from "../../prompts/schema.js";
import type { CompletedCheckin } from "../../store/types.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { instrumentName } from "./measure-text.js";
import { commentLines } from "./summary-text.js";

/**
 * A check-in that closed unfinished (at its expiry) with answers in it. Its whole measures are
 * read to the therapist as they stand: "Alliance 20/40, below 36" is what a client about to drop
 * out often says last. A measure part-answered has no valid total and is counted, not scored.
 * None of it enters the trends, rules or exports, which count completed check-ins only. Pure.
 */
interface UnfinishedPart {
  instrument: string;
  asked: number;
  answered: number;
  /** Only when every item of the measure was answered. */
  total: number | undefined;
}

export function unfinishedParts(checkin: CompletedCheckin): UnfinishedPart[] {
  const ids = [...new Set(checkin.plan.map((p) => p.instrument))];
  return ids.map((instrument) => {
    const asked = checkin.plan.filter((p) => p.instrument === instrument).length;
    const mine = checkin.answers.filter((a) => a.instrument === instrument);
    const total = mine.length === asked ? totalOf(mine, instrument) : undefined;
    return { instrument, asked, answered: mine.length, total };
  });
}

/** A measure answered in full: the client's part of an unfinished check-in worth telling at once. */
export function hasWholeMeasure(parts: readonly UnfinishedPart[]): boolean {
  return parts.some((p) => p.instrument !== SAFETY_INSTRUMENT && p.total !== undefined);
}

/**
 * One phrase per measure, in plan order: its total when whole (with the alliance's line, or the
 * measure's band), else how many of its questions were answered, or that it was not reached; and
 * the safety question when it was not reached.
 */
export function unfinishedPhrases(
  w: Wording,
  parts: readonly UnfinishedPart[],
  allianceConcern: number,
): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part.instrument === SAFETY_INSTRUMENT) {
      if (part.answered === 0) out.push(w.t("unfinished_safety_none"));
      continue;
    }
    const measure = instrumentName(w, part.instrument);
    if (part.answered === 0) {
      out.push(w.t("unfinished_not_reached", { measure }));
      continue;
    }
    if (part.total === undefined) {
      out.push(w.t("unfinished_partial", { measure, answered: part.answered, asked: part.asked }));
      continue;
    }
    const instrument = w.instrument(part.instrument);
    const max = maxTotal(instrument);
    const profile = instrument.profile;
    if (profile) {
      const band = bandLabel(profile, bandIndex(profile.bands, part.total), w.pack.language);
      out.push(w.t("headline_measure", { measure, total: part.total, max, band }));
    } else if (part.instrument === "alliance" && part.total < allianceConcern) {
      out.push(
        w.t("unfinished_alliance_below", { measure, total: part.total, max, threshold: allianceConcern }),
      );
    } else {
      out.push(w.t("unfinished_total", { measure, total: part.total, max }));
    }
  }
  return out;
}

/**
 * A check-in closed unfinished, for a view of the client: "Check-in 2 (sent Dec 11) closed
 * unfinished: Alliance 20/40, below 36: …", and the words the client wrote in it. Nothing for one
 * with neither answers nor words.
 */
export function unfinishedLines(
  w: Wording,
  checkin: CompletedCheckin,
  allianceConcern: number,
  date: string,
): string[] {
  const parts =
    checkin.answers.length > 0 ? unfinishedPhrases(w, unfinishedParts(checkin), allianceConcern) : [];
  const words = checkin.comment?.trim() ? checkin.comment : null;
  if (parts.length === 0 && !words) return [];
  const head = w.t("presession_unfinished", {
    seq: checkin.seq,
    date,
    parts: parts.length > 0 ? parts.join(" · ") : w.t("unfinished_words_only"),
  });
  return [head, ...(words ? commentLines(w, words) : [])];
}
