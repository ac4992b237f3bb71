import { totalOf } from "../../clinical/scores.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal } from "../../prompts/schema.js";
import type { Checkin, ClientStatus, CompletedCheckin, Episode } from "../../store/types.js";
import { instrumentName } from "../checkin/measure-text.js";
import { progressOf } from "../checkin/plan.js";
import { instrumentsOf } from "../checkin/summary-text.js";
import { unfinishedParts, unfinishedPhrases } from "../checkin/unfinished.js";
import { formatDate, formatDay } from "../format.js";

const BARS = "▁▂▃▄▅▆▇█";

/**
 * Instruments with a total worth trending: the scales and the measures with a scoring profile (the
 * PHQ-9's answers are choices too), not yes/no questions such as the safety question.
 */
function scoredInstruments(w: Wording, answers: CompletedCheckin["answers"]): string[] {
  return instrumentsOf(answers).filter((id) => {
    if (!w.hasInstrument(id)) return false;
    const instrument = w.instrument(id);
    return instrument.choices === undefined || instrument.profile !== undefined;
  });
}

/** A compact text trend: one bar per check-in, scaled to the instrument's range. */
export function sparkline(values: readonly number[], max: number): string {
  return values
    .map((v) => BARS[Math.min(BARS.length - 1, Math.max(0, Math.floor((v / max) * BARS.length)))] ?? "")
    .join("");
}

export function clientStatusText(w: Wording, status: ClientStatus): string {
  switch (status) {
    case "invited":
      return w.t("status_invited");
    case "joining":
      return w.t("status_joining");
    case "active":
      return w.t("status_active");
    case "declined":
      return w.t("status_declined");
    case "discharged":
      return w.t("status_discharged");
  }
}

export function openText(w: Wording, open: Checkin): string {
  return w.t("history_open", { where: progressOf(w, open) });
}

/**
 * `summary ALIAS --all`: every check-in sent, numbered as its summary was ("check-in 3" is row 3,
 * a new episode counting from 1 again under a line of its own), those that ended unanswered
 * included, then a trend per instrument over the completed ones.
 */
export function historyText(
  w: Wording,
  alias: string,
  checkins: readonly CompletedCheckin[],
  open: Checkin | undefined,
  timeZone: string,
  unanswered: readonly CompletedCheckin[],
  episodes: readonly Episode[],
  allianceConcern: number,
): string {
  const lines: string[] = [];
  if (checkins.length === 0) {
    lines.push(w.t("history_empty", { alias }));
  } else {
    lines.push(w.t("history_title", { alias, checkins: w.completedCheckins(checkins.length) }));
  }
  // With more than one episode each begins under a line of its own, numbering from 1 again.
  let episode: number | undefined;
  const enter = (c: Checkin) => {
    const at = episodes.findIndex((e) => e.id === c.episodeId);
    if (episodes.length > 1 && c.episodeId !== episode && at >= 0) {
      const since = formatDay(episodes[at]?.startedAt ?? c.createdAt, w.pack.language, timeZone);
      lines.push(w.t("history_episode", { number: at + 1, since }));
    }
    episode = c.episodeId;
  };
  for (const c of [...checkins, ...unanswered].sort((a, b) => a.id - b.id)) {
    enter(c);
    lines.push(rowText(w, c, timeZone, allianceConcern));
  }
  const ids = [...new Set(checkins.flatMap((c) => scoredInstruments(w, c.answers)))];
  for (const id of ids) {
    const instrument = w.instrument(id);
    const totals = checkins.map((c) => totalOf(c.answers, id)).filter((v): v is number => v !== undefined);
    // One total is no trend: its row says it.
    if (totals.length < 2) continue;
    const max = maxTotal(instrument);
    lines.push(
      w.t("history_trend", {
        title: instrumentName(w, id),
        trend: sparkline(totals, max),
        first: totals[0] ?? "-",
        last: totals.at(-1) ?? "-",
      }),
    );
  }
  if (open) {
    enter(open);
    lines.push(openText(w, open));
  }
  return lines.join("\n");
}

function rowText(w: Wording, c: CompletedCheckin, timeZone: string, allianceConcern: number): string {
  if (c.status !== "completed") {
    const date = formatDate(c.createdAt, w.pack.language, timeZone);
    // What a client answered before it closed is told, never "not answered".
    const parts = c.answers.length > 0 ? unfinishedPhrases(w, unfinishedParts(c), allianceConcern) : [];
    if (parts.length === 0 && c.comment?.trim()) parts.push(w.t("unfinished_words_only"));
    return parts.length > 0
      ? w.t("history_row_unfinished", { seq: c.seq, date, parts: parts.join(" · ") })
      : w.t("history_row_unanswered", { seq: c.seq, date });
  }
  const row = w.t("history_row", {
    seq: c.seq,
    date: formatDate(c.completedAt ?? c.createdAt, w.pack.language, timeZone),
    alliance: totalOf(c.answers, "alliance") ?? "-",
    progress: totalOf(c.answers, "progress") ?? "-",
  });
  // The measures a clinic added (the PHQ-9) follow on the same row.
  const measures = scoredInstruments(w, c.answers)
    .filter((id) => id !== "alliance" && id !== "progress")
    .map((id) =>
      w.t("history_row_measure", { measure: instrumentName(w, id), total: totalOf(c.answers, id) ?? "-" }),
    );
  return [row, ...measures].join("  ");
}
