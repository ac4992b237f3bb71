import { allianceRepeat } from "../../clinical/alliance-repeat.js";
import { allianceFall, belowSince } from "../../clinical/alliance-slide.js";
import {
  assess,
  type Finding,
  type MeasureInput,
  parseMeasureRule,
  type WarningRule,
} from "../../clinical/assessment.js";
import { startsQuiet } from "../../clinical/rule-method.js";
import { totalOf } from "../../clinical/scores.js";
import { repeatDecision } from "../../clinical/warning-repeat.js";
import type { Wording } from "../../prompts/render.js";
import { maxTotal } from "../../prompts/schema.js";
import { localDate } from "../../schedule/local-time.js";
import type { Client, CompletedCheckin } from "../../store/types.js";
import { withoutSettled } from "../risk/event-marks.js";
import type { Turn } from "../turn-context.js";
import { clientChart, summaryChart } from "../views/chart.js";
import { clinicalSettings, trajectoryModel } from "./clinical-context.js";
import { type SummaryWarning, summaryText } from "./summary-text.js";
import type { EndedWarning } from "./warning-lines.js";

/**
 * After a completed check-in: assess it against the episode so far, decide for each rule whether
 * it warns now (it started to apply, or is clearly worse than at its last warning), store every
 * rule that applied, and send the therapist one message with the warnings folded in.
 */
export async function afterCompletion(turn: Turn, client: Client): Promise<void> {
  const { config } = turn.deps;
  const { tx } = turn;
  const history = await tx.completedCheckins(client.personId);
  const current = history.at(-1);
  if (!current) return;
  const episode = history.filter((c) => c.episodeId === current.episodeId && c.id !== current.id);
  const tw = await turn.wordingOf(client.therapistId);
  const model = await trajectoryModel(tx, config);
  const settings = clinicalSettings(config);
  const assessment = assess(
    {
      earlierProgress: totals(episode, "progress"),
      progress: totalOf(current.answers, "progress"),
      progressMax: maxTotal(tw.instrument("progress")),
      earlierAlliance: totals(episode, "alliance"),
      alliance: allianceOf(current),
      age: client.age,
      measures: measureInputs(tw, current, episode),
    },
    settings,
    model,
  );

  const t = config.thresholds;
  const states = await tx.ruleStates(current.episodeId);
  // "No change yet" does not start beside a reliable fall; one in force stays (rule-method.ts).
  const found = assessment.findings.map((f) => f.rule);
  assessment.findings = assessment.findings.filter(
    (f) => !startsQuiet(f.rule, found, states.get(f.rule)?.active === true),
  );
  const warnings: SummaryWarning[] = [];
  const ended: EndedWarning[] = [];
  for (const rule of assessment.evaluated) {
    const finding: Finding | undefined = assessment.findings.find((f) => f.rule === rule);
    const previous = states.get(rule);
    const measure = parseMeasureRule(rule);
    const scored = measure ? assessment.measures?.find((m) => m.id === measure.instrument) : undefined;
    const worseBy =
      rule === "alliance" ? t.allianceDrop : (scored?.reliableChange ?? t.progressReliableChange);
    // The alliance warned for a drop alone and now below the concern line: the concern starts.
    const concernStarts =
      rule === "alliance" &&
      finding !== undefined &&
      previous?.warnedValue != null &&
      previous.warnedValue >= t.allianceConcern &&
      finding.value < t.allianceConcern;
    const decision = repeatDecision(
      previous,
      finding !== undefined,
      finding?.value ?? 0,
      worseBy,
      concernStarts,
    );
    const warnedSeq = decision.send ? current.seq : (previous?.warnedSeq ?? null);
    const again = decision.send && previous?.active === true;
    // Where the rule's current run of applying began: kept while it goes on applying, a warning
    // repeated because the score got clearly worse included.
    const sinceSeq = decision.starts
      ? current.seq
      : decision.next.active
        ? (previous?.sinceSeq ?? null)
        : null;
    await tx.saveRuleState(current.episodeId, rule, { ...decision.next, warnedSeq, sinceSeq });
    if (!finding) {
      if (previous?.active) ended.push(...endedAt(rule, current, episode));
      continue;
    }
    // The fall the alliance warning in force is about, for the headline and `clients`.
    if (rule === "alliance" && assessment.alliance) {
      const totals = allianceTotals([...episode, current]);
      const fall = allianceFall(totals, sinceSeq);
      if (fall) assessment.alliance.fall = fall;
      const below = belowSince(totals, t.allianceConcern);
      if (below !== undefined) assessment.alliance.belowSince = below;
    }
    await tx.recordWarning(
      {
        clientId: client.personId,
        episodeId: current.episodeId,
        checkinId: current.id,
        rule,
        // A measure's finding is turned so that lower is worse; the record keeps its real total.
        severity: scored?.total ?? finding.value,
        sent: decision.send,
        fitId: model.fitId,
      },
      turn.now,
    );
    // A repeated alliance warning is worded by the size of its fall (clinical/alliance-repeat.ts).
    const repeat =
      again && rule === "alliance" && previous?.warnedSeq != null && previous.warnedValue !== null
        ? allianceRepeat(
            {
              totals: allianceTotals([...episode, current]),
              total: finding.value,
              warnedSeq: previous.warnedSeq,
              warnedValue: previous.warnedValue,
              sinceSeq: previous.sinceSeq ?? null,
            },
            t.allianceClearFall,
            t.allianceConcern,
          )
        : undefined;
    warnings.push({
      finding,
      sent: decision.send,
      warnedSeq: previous?.warnedSeq ?? null,
      sinceSeq: previous?.sinceSeq ?? null,
      again,
      ...(repeat ? { allianceRepeat: repeat } : {}),
    });
  }

  // Saved after repeat control: the alliance's fall depends on where its warning's run began.
  await tx.saveAssessment(current.id, { ...assessment, fitId: model.fitId });

  const timeZone = config.clinic.timeZone;
  const lastSeq = episode.at(-1)?.seq ?? 0;
  const style = (await tx.summaryStyle(client.therapistId)) ?? config.summaries;
  const text = summaryText(tw, {
    alias: client.alias,
    checkin: current,
    assessment,
    warnings,
    ended,
    // What the client disclosed during this check-in comes right under the headline.
    riskEvents: withoutSettled(await tx.riskEvents(client.personId, { checkinId: current.id }), [current]),
    openAlert: await tx.openRiskAlert(client.personId),
    style,
    model,
    reliableChange: t.progressReliableChange,
    allianceConcern: t.allianceConcern,
    allianceDrop: t.allianceDrop,
    allianceItemBelow: t.allianceItem,
    seqAt: seqAt([...episode, current]),
    timeZone,
    // Numbered per episode, every check-in sent counting: the gap to the last answered one.
    unansweredBefore: current.seq - lastSeq - 1,
    unfinishedBefore: (await tx.unansweredCheckins(client.personId)).filter(
      (c) =>
        c.episodeId === current.episodeId && c.seq > lastSeq && c.seq < current.seq && c.answers.length > 0,
    ).length,
  });
  // A summary with a warning sent now is a "warning" message; either way it is one message.
  const kind = warnings.some((w) => w.sent) ? "warning" : "summary";
  // `charts: each`: the client's chart goes with every summary, drawn in the therapist's wording.
  const drawn = config.charts === "each" ? await clientChart(tx, config, tw, client, turn.now) : undefined;
  const chart = drawn ? summaryChart(drawn, localDate(new Date(turn.now), timeZone)) : undefined;
  await turn.send(client.therapistId, { kind, text, ...(chart ? { chart } : {}) }, client.personId);
}

/** The measures with a scoring profile in this check-in (PHQ-9, GAD-7), with their earlier totals. */
function measureInputs(
  w: Wording,
  current: CompletedCheckin,
  episode: readonly CompletedCheckin[],
): MeasureInput[] {
  const inputs: MeasureInput[] = [];
  for (const id of new Set(current.answers.map((a) => a.instrument))) {
    const profile = w.instrument(id).profile;
    const total = totalOf(current.answers, id);
    if (!profile || total === undefined) continue;
    inputs.push({
      id,
      earlier: totals(episode, id),
      total,
      scoring: profile,
      ...(profile.combined ? { combined: profile.combined } : {}),
    });
  }
  return inputs;
}

/** A rule that stopped applying: its measure's total now, and at the last check-in that had it. */
function endedAt(
  rule: WarningRule,
  current: CompletedCheckin,
  episode: readonly CompletedCheckin[],
): EndedWarning[] {
  const id = rule === "alliance" ? "alliance" : (parseMeasureRule(rule)?.instrument ?? "progress");
  const total = totalOf(current.answers, id);
  const last = episode.findLast((c) => totalOf(c.answers, id) !== undefined);
  const was = last && totalOf(last.answers, id);
  return total === undefined || !last || was === undefined ? [] : [{ rule, total, was, wasSeq: last.seq }];
}

function totals(checkins: readonly CompletedCheckin[], instrument: string): number[] {
  return checkins.map((c) => totalOf(c.answers, instrument)).filter((v): v is number => v !== undefined);
}

/** The check-in number (as titles give it) of an instrument's Nth answered check-in in the episode. */
function seqAt(
  checkins: readonly CompletedCheckin[],
): (instrument: string, index: number) => number | undefined {
  return (instrument, index) =>
    checkins.filter((c) => totalOf(c.answers, instrument) !== undefined)[index - 1]?.seq;
}

function allianceTotals(checkins: readonly CompletedCheckin[]): { seq: number; total: number }[] {
  return checkins.flatMap((c) => {
    const total = totalOf(c.answers, "alliance");
    return total === undefined ? [] : [{ seq: c.seq, total }];
  });
}

function allianceOf(
  checkin: CompletedCheckin,
): { total: number; items: { item: string; value: number }[] } | undefined {
  const total = totalOf(checkin.answers, "alliance");
  if (total === undefined) return undefined;
  return { total, items: checkin.answers.filter((a) => a.instrument === "alliance") };
}
