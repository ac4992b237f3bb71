import type { Flag } from "../clinical/flags.js";
import { signed, totalOf } from "../clinical/scores.js";
import type { Wording } from "../prompts/render.js";
import type { Answer, CompletedCheckin } from "../store/types.js";

export function formatDate(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
}

/** The instruments of a check-in, in the order they were asked. */
export function instrumentsOf(answers: readonly Answer[]): string[] {
  return [...new Set(answers.map((a) => a.instrument))];
}

export interface SummaryInput {
  alias: string;
  checkin: CompletedCheckin;
  previous?: CompletedCheckin;
  flags: readonly Flag[];
  timeZone: string;
}

/** The therapist's summary of one completed check-in. Pure: wording and facts in, text out. */
export function summaryText(w: Wording, input: SummaryInput): string {
  const { checkin, previous } = input;
  const lines = [
    w.t("summary_title", {
      seq: checkin.seq,
      alias: input.alias,
      date: formatDate(checkin.completedAt ?? checkin.createdAt, w.pack.language, input.timeZone),
    }),
  ];
  for (const id of instrumentsOf(checkin.answers)) {
    const instrument = w.instrument(id);
    const total = totalOf(checkin.answers, id) ?? 0;
    const before = previous ? totalOf(previous.answers, id) : undefined;
    const change =
      before === undefined ? w.t("summary_first") : w.t("summary_change", { delta: signed(total - before) });
    const max = instrument.items.length * instrument.scale.max;
    lines.push(`${w.t("summary_total", { title: instrument.title, total, max })} ${change}`);
    for (const answer of checkin.answers.filter((a) => a.instrument === id)) {
      const item = instrument.items.find((i) => i.id === answer.item);
      lines.push(w.t("summary_item", { item: item?.short ?? answer.item, value: answer.value }));
    }
  }
  lines.push(
    checkin.comment ? w.t("summary_comment", { comment: checkin.comment }) : w.t("summary_no_comment"),
  );
  if (input.flags.length === 0) {
    lines.push(w.t("summary_no_flags"));
  } else {
    lines.push(w.t("summary_flags"));
    for (const flag of input.flags) lines.push(`- ${flagText(w, flag)}`);
  }
  return lines.join("\n");
}

export function flagText(w: Wording, flag: Flag): string {
  switch (flag.rule) {
    case "alliance_concern":
      return w.t("flag_alliance_concern", { total: flag.total, threshold: flag.threshold });
    case "alliance_drop":
      return w.t("flag_alliance_drop", {
        previous: flag.previous,
        total: flag.total,
        drop: signed(-flag.drop),
      });
    case "alliance_item": {
      const item = w.instrument("alliance").items.find((i) => i.id === flag.item);
      return w.t("flag_alliance_item", {
        item: item?.short ?? flag.item,
        value: flag.value,
        threshold: flag.threshold,
      });
    }
    case "progress_clinical":
      return w.t("flag_progress_clinical", { total: flag.total, cutoff: flag.cutoff });
    case "progress_improved":
      return w.t("flag_progress_improved", {
        first: flag.first,
        total: flag.total,
        change: signed(flag.change),
      });
    case "progress_deteriorated":
      return w.t("flag_progress_deteriorated", {
        first: flag.first,
        total: flag.total,
        change: signed(flag.change),
      });
  }
}
