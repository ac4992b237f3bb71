import { totalOf } from "../../clinical/scores.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal } from "../../prompts/schema.js";
import type { Checkin, ClientStatus, CompletedCheckin } from "../../store/types.js";
import { progressOf } from "../checkin/plan.js";
import { instrumentsOf } from "../checkin/summary-text.js";
import { formatDate } from "../format.js";

const BARS = "▁▂▃▄▅▆▇█";

/** Instruments with a total worth trending: not yes/no questions such as the safety question. */
function scoredInstruments(w: Wording, answers: CompletedCheckin["answers"]): string[] {
  return instrumentsOf(answers).filter((id) => w.instrument(id).choices === undefined);
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

/** `summary ALIAS`: every completed check-in with its totals, and a trend per instrument. */
export function historyText(
  w: Wording,
  alias: string,
  checkins: readonly CompletedCheckin[],
  open: Checkin | undefined,
  timeZone: string,
): string {
  const lines: string[] = [];
  if (checkins.length === 0) {
    lines.push(w.t("history_empty", { alias }));
  } else {
    lines.push(w.t("history_title", { alias, checkins: w.completedCheckins(checkins.length) }));
    checkins.forEach((c, i) => {
      lines.push(
        w.t("history_row", {
          seq: i + 1,
          date: formatDate(c.completedAt ?? c.createdAt, w.pack.language, timeZone),
          alliance: totalOf(c.answers, "alliance") ?? "-",
          progress: totalOf(c.answers, "progress") ?? "-",
        }),
      );
    });
    const ids = [...new Set(checkins.flatMap((c) => scoredInstruments(w, c.answers)))];
    for (const id of ids) {
      const instrument = w.instrument(id);
      const totals = checkins.map((c) => totalOf(c.answers, id)).filter((v): v is number => v !== undefined);
      const max = maxTotal(instrument);
      lines.push(
        w.t("history_trend", {
          title: instrument.title,
          trend: sparkline(totals, max),
          first: totals[0] ?? "-",
          last: totals.at(-1) ?? "-",
        }),
      );
    }
  }
  if (open) lines.push(openText(w, open));
  return lines.join("\n");
}
