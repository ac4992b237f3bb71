import type { Client } from "../../store/types.js";
import { trajectoryModel } from "../checkin/clinical-context.js";
import { withoutSettled } from "../risk/event-marks.js";
import { riskSection } from "../risk/text.js";
import type { Turn } from "../turn-context.js";
import { clientChart, summaryChart } from "../views/chart.js";
import { historyText } from "../views/history.js";
import { preSessionText } from "../views/pre-session.js";
import { chartDay } from "./chart.js";

/** `summary ALIAS`: the state before a session; `summary ALIAS --all`: every check-in and every risk event. */
export async function summary(turn: Turn, client: Client, all: boolean): Promise<void> {
  const { tx } = turn;
  const history = await tx.completedCheckins(client.personId);
  const open = await tx.openCheckin(client.personId);
  const zone = turn.deps.config.clinic.timeZone;
  const unanswered = await tx.unansweredCheckins(client.personId);
  const events = withoutSettled(await tx.riskEvents(client.personId), [...history, ...unanswered]);
  const alert = await tx.openRiskAlert(client.personId);
  const episodes = await tx.episodesOf(client.personId);
  if (all) {
    const risk = riskSection(turn.wording, events, alert, zone, { max: Number.POSITIVE_INFINITY });
    const concern = turn.deps.config.thresholds.allianceConcern;
    const rows = historyText(turn.wording, client.alias, history, open, zone, unanswered, episodes, concern);
    return turn.replyAbout([rows, ...risk].join("\n"), client.personId);
  }
  const current = episodes.at(-1);
  const text = preSessionText(turn.wording, {
    alias: client.alias,
    checkins: history,
    unanswered,
    episodes,
    open,
    states: current ? await tx.ruleStates(current.id) : new Map(),
    riskEvents: events,
    openAlert: alert,
    model: await trajectoryModel(tx, turn.deps.config),
    allianceItemBelow: turn.deps.config.thresholds.allianceItem,
    allianceConcern: turn.deps.config.thresholds.allianceConcern,
    timeZone: zone,
  });
  // With the picture attached, unless the clinic turned charts off; its words are the alt text.
  const drawn =
    turn.deps.config.charts === "off"
      ? undefined
      : await clientChart(tx, turn.deps.config, turn.wording, client, turn.now);
  const chart = drawn ? summaryChart(drawn, chartDay(turn)) : undefined;
  await turn.replyAbout({ kind: "info", text, ...(chart ? { chart } : {}) }, client.personId);
}
