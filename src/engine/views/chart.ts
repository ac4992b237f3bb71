import { type CaseloadPanel, MAX_PANELS } from "../../charts/caseload-spec.js";
import { type ChartData, type ChartMeasure, chartData } from "../../charts/chart-data.js";
import { chartImageAlt, chartSentText } from "../../charts/chart-heading.js";
import { chartCheckins, chartRiskEvents, type RiskAbove } from "../../charts/chart-input.js";
import type { ChartText } from "../../charts/chart-keys.js";
import { caseloadChartName, clientChartName } from "../../charts/chart-names.js";
import type { RenderedChart } from "../../charts/render.js";
import type { ClinicConfig } from "../../config/clinic-config.js";
import type { OutboundChart, OutboundMessage } from "../../model.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal, riskItemsOf } from "../../prompts/schema.js";
import { localDate } from "../../schedule/local-time.js";
import type { Client, CompletedCheckin, RiskAlert, Tx } from "../../store/types.js";
import { clinicalSettings, trajectoryModel } from "../checkin/clinical-context.js";
import { needOf } from "./caseload.js";

/**
 * A client's chart and the caseload's, as messages: the picture goes with the same facts in words
 * as the message's text (the alt text), so a therapist who cannot see it, or whose platform shows
 * no picture, reads what it shows. Only the alias is drawn or written; the records are read here,
 * the picture is made by src/charts (pure data to spec; rendering in render.ts).
 */

/** The chart words of a person's wording (every chart key is a message key: chart-keys.ts). */
function chartText(w: Wording): ChartText {
  const t = w.t.bind(w) as (key: string, vars?: Record<string, string | number>) => string;
  return (key, vars) => t(key, vars);
}

/**
 * What a client's chart shows, from their stored check-ins; none before their first is completed.
 * `now` (ISO 8601): a chart of another year than this one writes the year on its dates.
 */
async function clientChartData(
  tx: Tx,
  config: ClinicConfig,
  w: Wording,
  client: Client,
  now: string,
): Promise<ChartData | undefined> {
  const completed = await tx.completedCheckins(client.personId);
  const measures = measuresIn(w, completed);
  const episodes = await tx.episodesOf(client.personId);
  const risk = await tx.riskEvents(client.personId);
  const checkins = chartCheckins(
    completed,
    episodes,
    risk,
    riskItemAbove(w),
    measures.map((m) => m.id),
  );
  if (checkins.length === 0) return undefined;
  return chartData({
    alias: client.alias,
    timeZone: config.clinic.timeZone,
    now,
    language: w.pack.language,
    checkins,
    model: await trajectoryModel(tx, config),
    settings: clinicalSettings(config),
    age: client.age,
    progressMax: maxTotal(w.instrument("progress")),
    allianceMax: maxTotal(w.instrument("alliance")),
    measures,
    // Risk words or a safety yes between check-ins: marked at their own dates, as in the alerts.
    riskEvents: chartRiskEvents(completed, episodes, risk),
  });
}

/** The measures with a scoring profile that the client's check-ins hold, in the order first answered. */
function measuresIn(w: Wording, checkins: readonly CompletedCheckin[]): ChartMeasure[] {
  const ids = [...new Set(checkins.flatMap((c) => c.answers.map((a) => a.instrument)))];
  return ids.flatMap((id) => {
    const instrument = w.hasInstrument(id) ? w.instrument(id) : undefined;
    const profile = instrument?.profile;
    if (!instrument || !profile) return [];
    // Its own reliable-change figure (the PHQ-9's 6), as the summary's measure line reads it.
    const { name, caseness, direction, reliableChange } = profile;
    return [{ id, name, max: maxTotal(instrument), caseness, direction, reliableChange }];
  });
}

/** The risk items of the instruments in the prompts (the PHQ-9's ninth), by instrument and item. */
function riskItemAbove(w: Wording): RiskAbove {
  return (instrument, item) =>
    w.hasInstrument(instrument)
      ? riskItemsOf(w.instrument(instrument)).find((r) => r.item === item)?.above
      : undefined;
}

/** A client's chart as drawn, with whose it is (their person id: OutboundChart.client). */
type DrawnChart = { client: number; data: ChartData; rendered: RenderedChart };

/** A client's chart, drawn; none before their first completed check-in. */
export async function clientChart(
  tx: Tx,
  config: ClinicConfig,
  w: Wording,
  client: Client,
  now: string,
): Promise<DrawnChart | undefined> {
  const data = await clientChartData(tx, config, w, client, now);
  if (!data) return undefined;
  const { renderClientChart } = await renderer();
  return { client: client.personId, data, rendered: await renderClientChart(data, chartText(w)) };
}

/** `chart ALIAS`: the picture, with what it shows in words as the message's text. */
export function chartMessage(
  w: Wording,
  { client, data, rendered }: DrawnChart,
  day: string,
): OutboundMessage {
  return {
    kind: "info",
    text: `${chartSentText(data, chartText(w))}\n\n${rendered.alt}`,
    chart: {
      ...attached(rendered, chartImageAlt(data, chartText(w)), clientChartName(data.alias, day)),
      client,
    },
  };
}

/** The picture attached to a summary, whose text is the summary: the picture's own words go as its alt text. */
export function summaryChart({ client, data, rendered }: DrawnChart, day: string): OutboundChart {
  return { ...attached(rendered, rendered.alt, clientChartName(data.alias, day)), client };
}

/**
 * The digest's small multiples: one panel per current client who needs attention (an open alert,
 * a reliable fall, not on track, the alliance), most urgent first, at most MAX_PANELS; none when no one does.
 */
export async function caseloadChartMessage(
  tx: Tx,
  config: ClinicConfig,
  w: Wording,
  therapistId: number,
  openAlerts: ReadonlyMap<number, RiskAlert>,
  now: string,
): Promise<OutboundMessage | undefined> {
  const zone = config.clinic.timeZone;
  const entries = (await tx.caseload(therapistId)).filter((e) => !e.dischargedAt);
  const needing = entries
    .map((entry) => ({
      entry,
      need: needOf(w, entry, openAlerts.get(entry.client.personId), zone, now),
    }))
    .filter(({ need }) => need.rank < 3)
    .sort((a, b) => a.need.rank - b.need.rank || a.entry.client.alias.localeCompare(b.entry.client.alias));
  // Every one who needs attention is counted; the picture draws the first MAX_PANELS and says how many more.
  const panels: CaseloadPanel[] = [];
  for (const { entry, need } of needing) {
    const data = await clientChartData(tx, config, w, entry.client, now);
    // Listed for the alliance: the picture draws it, not only the progress (caseload-spec.ts).
    if (data) panels.push({ data, note: need.flags.join(", "), alliance: need.named.has("alliance") });
  }
  if (panels.length === 0) return undefined;
  const { renderCaseloadChart } = await renderer();
  const rendered = await renderCaseloadChart(panels, chartText(w));
  // A short caption: the digest just above says the same in words. The picture's alt text carries
  // what it shows (every client's scores), for a reader who cannot see it.
  return {
    kind: "summary",
    text: w.t("digest_chart", { count: panels.length, max: MAX_PANELS }),
    chart: attached(rendered, rendered.alt, caseloadChartName(localDate(new Date(now), zone))),
  };
}

/**
 * The renderer (Vega, Vega-Lite, resvg's WebAssembly and the fonts: tens of megabytes) is loaded at
 * the first chart, not at start-up: a process that draws none (a CLI command, a clinic with charts
 * off) neither waits for it nor holds it in memory.
 */
function renderer(): Promise<typeof import("../../charts/render.js")> {
  return import("../../charts/render.js");
}

function attached(rendered: RenderedChart, alt: string, name: string): OutboundChart {
  return { png: rendered.png.toString("base64"), alt, name };
}
