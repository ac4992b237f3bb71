import type { Assessment, Finding, TrajectoryModel, WarningRule } from "../clinical/assessment.js";
import { round1, signed } from "../clinical/scores.js";
import type { Wording } from "../prompts/render.js";
import { maxTotal } from "../prompts/schema.js";
import type { Answer, CompletedCheckin } from "../store/types.js";

/**
 * Formatters are made once per language, zone and style. Each Intl.DateTimeFormat holds ICU
 * memory outside the JavaScript heap, which the garbage collector does not see: made per date,
 * as `clients` does for a whole caseload, they grew the process by over a megabyte a call.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}\u0000${timeZone}\u0000${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone,
    });
    formatters.set(key, format);
  }
  return format;
}

export function formatDate(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, true).format(new Date(iso));
}

export function formatDay(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, false).format(new Date(iso));
}

/** The instruments of a check-in, in the order they were asked. */
export function instrumentsOf(answers: readonly Answer[]): string[] {
  return [...new Set(answers.map((a) => a.instrument))];
}

export function modelText(w: Wording, model: TrajectoryModel, timeZone: string): string {
  if (model.fitId === null || !model.fittedAt) return w.t("model_default");
  return w.t("model_clinic", {
    episodes: model.episodes ?? 0,
    date: formatDay(model.fittedAt, w.pack.language, timeZone),
  });
}

export function ruleText(w: Wording, rule: WarningRule): string {
  switch (rule) {
    case "alliance_concern":
      return w.t("rule_alliance_concern");
    case "alliance_drop":
      return w.t("rule_alliance_drop");
    case "deteriorating":
      return w.t("rule_deteriorating");
    case "no_change_yet":
      return w.t("rule_no_change_yet");
    case "change_of_plan":
      return w.t("rule_change_of_plan");
    case "not_on_track":
      return w.t("rule_not_on_track");
  }
}

export interface SummaryInput {
  alias: string;
  checkin: CompletedCheckin;
  assessment: Assessment;
  model: TrajectoryModel;
  /** The warning rules that applied, and whether each was sent now or is a repeat. */
  warnings: readonly { rule: WarningRule; sent: boolean }[];
  reliableChange: number;
  allianceItemBelow: number;
  timeZone: string;
}

/**
 * The therapist's summary of one completed check-in, in plain words with the numbers behind
 * them. Pure: wording and facts in, text out.
 */
export function summaryText(w: Wording, input: SummaryInput): string {
  const { checkin } = input;
  const date = formatDate(checkin.completedAt ?? checkin.createdAt, w.pack.language, input.timeZone);
  const lines = [w.t("summary_title", { seq: checkin.seq, alias: input.alias, date })];
  for (const id of instrumentsOf(checkin.answers)) {
    if (id === "progress") lines.push(...progressLines(w, input));
    else if (id === "alliance") lines.push(...allianceLines(w, input));
    else if (id === "safety") lines.push(safetyLine(checkin.answers));
    else lines.push(...itemLines(w, id, checkin.answers));
  }
  lines.push(
    checkin.comment ? w.t("summary_comment", { comment: checkin.comment }) : w.t("summary_no_comment"),
  );
  if (input.warnings.length === 0) {
    lines.push(w.t("summary_no_warnings"));
  } else {
    lines.push(w.t("summary_warnings"));
    for (const { rule, sent } of input.warnings) {
      const name = ruleText(w, rule);
      lines.push(
        sent ? w.t("summary_warning_sent", { rule: name }) : w.t("summary_warning_repeat", { rule: name }),
      );
    }
  }
  return lines.join("\n");

  function safetyLine(answers: readonly Answer[]): string {
    const yes = answers.some((a) => a.instrument === "safety" && a.value > 0);
    return yes ? w.t("summary_safety_yes") : w.t("summary_safety_no");
  }
}

function itemLines(w: Wording, id: string, answers: readonly Answer[]): string[] {
  const instrument = w.instrument(id);
  return answers
    .filter((a) => a.instrument === id)
    .map((a) =>
      w.t("summary_item", {
        item: instrument.items.find((i) => i.id === a.item)?.short ?? a.item,
        value: a.value,
      }),
    );
}

function progressLines(w: Wording, input: SummaryInput): string[] {
  const p = input.assessment.progress;
  if (!p) return [];
  const title = w.instrument("progress").title;
  const max = maxTotal(w.instrument("progress"));
  const model = modelText(w, input.model, input.timeZone);
  const band = w.t(
    p.band === "adult" ? "band_adult" : p.band === "adolescent" ? "band_adolescent" : "band_child",
  );
  const lines = [
    p.index === 1
      ? w.t("summary_progress_first", { title, total: p.total, max })
      : w.t("summary_progress", {
          title,
          total: p.total,
          max,
          recent: signed(p.total - (p.previous ?? p.first)),
          change: signed(p.change),
          first: p.first,
        }),
    ...itemLines(w, "progress", input.checkin.answers),
  ];
  if (p.index > 1) {
    const category = w.t(
      p.category === "recovered"
        ? "category_recovered"
        : p.category === "improved"
          ? "category_improved"
          : p.category === "deteriorated"
            ? "category_deteriorated"
            : "category_unchanged",
    );
    lines.push(w.t("summary_category", { category, rc: input.reliableChange }));
  }
  lines.push(
    p.clinical
      ? w.t("summary_cutoff_below", { cutoff: p.cutoff, band })
      : w.t("summary_cutoff_above", { cutoff: p.cutoff, band }),
  );
  const tr = p.trajectory;
  if (tr.status === "too_early") {
    lines.push(w.t("summary_trajectory_early", { model }));
  } else {
    const status = w.t(
      tr.status === "on_track"
        ? "trajectory_on_track"
        : tr.status === "watch"
          ? "trajectory_watch"
          : "trajectory_not_on_track",
    );
    lines.push(
      w.t("summary_trajectory", {
        index: p.index,
        status,
        expected: round1(tr.expected),
        watch: round1(tr.onTrackFrom),
        band: round1(tr.band),
        model,
      }),
    );
  }
  return lines;
}

function allianceLines(w: Wording, input: SummaryInput): string[] {
  const a = input.assessment.alliance;
  if (!a) return [];
  const title = w.instrument("alliance").title;
  const max = maxTotal(w.instrument("alliance"));
  const lines = [
    a.previous === undefined || a.change === undefined
      ? w.t("summary_alliance_first", { title, total: a.total, max })
      : w.t("summary_alliance", {
          title,
          total: a.total,
          max,
          change: signed(a.change),
          previous: a.previous,
        }),
    ...itemLines(w, "alliance", input.checkin.answers),
  ];
  if (a.lowItems.length > 0) {
    const instrument = w.instrument("alliance");
    const items = a.lowItems
      .map((i) => `${instrument.items.find((it) => it.id === i.item)?.short ?? i.item} (${i.value})`)
      .join(", ");
    lines.push(w.t("summary_ask_about", { threshold: input.allianceItemBelow, items }));
  }
  return lines;
}

/** A warning as its own message: the rule, the numbers behind it and a suggestion. */
export function warningText(
  w: Wording,
  alias: string,
  finding: Finding,
  assessment: Assessment,
  ctx: {
    model: TrajectoryModel;
    reliableChange: number;
    allianceConcern: number;
    allianceDrop: number;
    timeZone: string;
  },
): string {
  const a = assessment.alliance;
  const p = assessment.progress;
  switch (finding.rule) {
    case "alliance_concern":
      return w.t("warning_alliance_concern", {
        alias,
        total: a?.total ?? "",
        threshold: ctx.allianceConcern,
      });
    case "alliance_drop":
      return w.t("warning_alliance_drop", {
        alias,
        previous: a?.previous ?? "",
        total: a?.total ?? "",
        change: signed(a?.change ?? 0),
        threshold: ctx.allianceDrop,
      });
    case "deteriorating":
      return w.t("warning_deteriorating", {
        alias,
        total: p?.total ?? "",
        change: signed(p?.change ?? 0),
        first: p?.first ?? "",
        rc: ctx.reliableChange,
      });
    case "no_change_yet":
    case "change_of_plan":
      return w.t(finding.rule === "no_change_yet" ? "warning_no_change_yet" : "warning_change_of_plan", {
        alias,
        index: p?.index ?? "",
        total: p?.total ?? "",
        change: signed(p?.change ?? 0),
        first: p?.first ?? "",
        rc: ctx.reliableChange,
      });
    case "not_on_track":
      return w.t("warning_not_on_track", {
        alias,
        index: p?.index ?? "",
        total: p?.total ?? "",
        expected: round1(p?.trajectory.expected ?? 0),
        band: round1(p?.trajectory.band ?? 0),
        model: modelText(w, ctx.model, ctx.timeZone),
      });
  }
}
