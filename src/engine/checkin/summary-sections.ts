import { round1 } from "../../clinical/scores.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal } from "../../prompts/schema.js";
import type { Answer } from "../../store/types.js";
import { signed } from "../format.js";
import { statusText } from "./headline-text.js";
import type { SummaryInput } from "./summary-text.js";
import { modelText } from "./warning-text.js";

/**
 * The progress and alliance sections of a check-in's summary: each total with its change, the
 * item scores, the cutoff and the trajectory for progress, the items worth asking about for the
 * alliance.
 */

export function itemsLine(w: Wording, id: string, answers: readonly Answer[]): string {
  const instrument = w.instrument(id);
  return answers
    .filter((a) => a.instrument === id)
    .map((a) => `${instrument.items.find((i) => i.id === a.item)?.short ?? a.item} ${a.value}`)
    .join(" · ");
}

export function progressLines(w: Wording, input: SummaryInput): string[] {
  const p = input.assessment.progress;
  if (!p) return [];
  const max = maxTotal(w.instrument("progress"));
  const band = w.t(
    p.band === "adult" ? "band_adult" : p.band === "adolescent" ? "band_adolescent" : "band_child",
  );
  const lines = [
    p.index === 1
      ? w.t("summary_progress_first", { total: p.total, max })
      : w.t("summary_progress", {
          total: p.total,
          max,
          recent: signed(p.total - (p.previous ?? p.first)),
          change: signed(p.change),
          first: p.first,
          category: categoryWithBefore(w, p, input),
        }),
    `  ${itemsLine(w, "progress", input.checkin.answers)}`,
    p.clinical
      ? w.t("summary_cutoff_below", { cutoff: p.cutoff, band })
      : w.t("summary_cutoff_above", { cutoff: p.cutoff, band }),
  ];
  // The ceiling rule, said once: at the episode's first progress check-in.
  if (p.index === 1 && p.startedNonClinical) lines.push(w.t("summary_ceiling", { cutoff: p.cutoff }));
  const model = modelText(w, input.model, input.timeZone);
  const tr = p.trajectory;
  lines.push(
    tr.status === "too_early"
      ? w.t("summary_trajectory_early", { model })
      : w.t("summary_trajectory", {
          index: p.index,
          status: statusText(w, tr.status),
          expected: round1(tr.expected),
          watch: round1(tr.onTrackFrom),
          band: round1(tr.band),
          model,
        }),
  );
  return lines;
}

export function categoryText(
  w: Wording,
  category: "recovered" | "improved" | "unchanged" | "deteriorated",
): string {
  switch (category) {
    case "recovered":
      return w.t("category_recovered");
    case "improved":
      return w.t("category_improved");
    case "deteriorated":
      return w.t("category_deteriorated");
    case "unchanged":
      return w.t("category_unchanged");
  }
}

/**
 * The category now, and what was true before where it was better (CLINICAL.md: "the text states
 * what is true now and what was true before"): "improved (a reliable improvement); no longer
 * recovered (recovered at check-in 8)". A summary's text only: no warning rule of its own.
 */
function categoryWithBefore(
  w: Wording,
  p: NonNullable<SummaryInput["assessment"]["progress"]>,
  input: Pick<SummaryInput, "seqAt">,
): string {
  const now = categoryText(w, p.category);
  const seq = (index: number) => input.seqAt?.("progress", index) ?? "-";
  if (p.category !== "recovered" && p.recoveredAt !== undefined) {
    return `${now}; ${w.t("category_no_longer_recovered", { seq: seq(p.recoveredAt) })}`;
  }
  if (p.category !== "improved" && p.category !== "recovered" && p.improvedAt !== undefined) {
    return `${now}; ${w.t("category_no_longer_improved", { seq: seq(p.improvedAt) })}`;
  }
  return now;
}

export function allianceLines(w: Wording, input: SummaryInput): string[] {
  const a = input.assessment.alliance;
  if (!a) return [];
  const max = maxTotal(w.instrument("alliance"));
  const lines = [
    a.previous === undefined || a.change === undefined
      ? w.t("summary_alliance_first", { total: a.total, max })
      : w.t("summary_alliance", { total: a.total, max, change: signed(a.change), previous: a.previous }),
    `  ${itemsLine(w, "alliance", input.checkin.answers)}`,
  ];
  // Named once, here: low items are something to ask about, not a warning. Their values are on
  // the line above, so only their names; when every item is low, one short line says so.
  if (a.lowItems.length > 0) {
    const instrument = w.instrument("alliance");
    const answered = input.checkin.answers.filter((x) => x.instrument === "alliance").length;
    const items = a.lowItems
      .map((i) => instrument.items.find((it) => it.id === i.item)?.short ?? i.item)
      .join(", ");
    lines.push(
      a.lowItems.length === answered
        ? w.t("summary_ask_about_all", { threshold: input.allianceItemBelow })
        : w.t("summary_ask_about", { threshold: input.allianceItemBelow, items }),
    );
  }
  return lines;
}
