import { localDate } from "../../schedule/local-time.js";
import type { Client } from "../../store/types.js";
import type { Turn } from "../turn-context.js";
import { chartMessage, clientChart } from "../views/chart.js";

/** `chart ALIAS`: the client's progress and alliance as a picture, with the same in words. */
export async function chart(turn: Turn, client: Client): Promise<void> {
  const w = turn.wording;
  const { config } = turn.deps;
  if (config.charts === "off") return turn.replyText(w.t("charts_off"));
  const drawn = await clientChart(turn.tx, config, w, client, turn.now);
  if (!drawn) return turn.replyText(w.t("chart_none", { alias: client.alias }));
  await turn.replyAbout(chartMessage(w, drawn, chartDay(turn)), client.personId);
}

/** The day in a chart's file name: the clinic's date today. */
export function chartDay(turn: Turn): string {
  return localDate(new Date(turn.now), turn.deps.config.clinic.timeZone);
}
