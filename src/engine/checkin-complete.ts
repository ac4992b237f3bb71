import { assess } from "../clinical/assessment.js";
import { totalOf } from "../clinical/scores.js";
import { shouldSend } from "../clinical/warning-repeat.js";
import { maxTotal } from "../prompts/schema.js";
import type { Client, CompletedCheckin } from "../store/types.js";
import { clinicalSettings, trajectoryModel } from "./clinical-context.js";
import { riskSection } from "./risk-text.js";
import { summaryText, warningText } from "./summary-text.js";
import type { Turn } from "./turn.js";

/**
 * After a completed check-in: assess it against the episode so far, record every warning rule
 * that applies (sent, or held back as a repeat), and send the therapist the summary and then
 * each new warning as its own message.
 */
export async function afterCompletion(turn: Turn, client: Client): Promise<void> {
  const { clinic } = turn.deps;
  const history = await turn.tx.completedCheckins(client.personId);
  const current = history.at(-1);
  if (!current) return;
  const episode = history.filter((c) => c.episodeId === current.episodeId && c.id !== current.id);
  const tw = await turn.wordingOf(client.therapistId);
  const model = await trajectoryModel(turn.tx, clinic);
  const assessment = assess(
    {
      earlierProgress: totals(episode, "progress"),
      progress: totalOf(current.answers, "progress"),
      progressMax: maxTotal(tw.instrument("progress")),
      earlierAlliance: totals(episode, "alliance"),
      alliance: allianceOf(current),
      age: client.age,
    },
    clinicalSettings(clinic),
    model,
  );
  await turn.tx.saveAssessment(current.id, { ...assessment, fitId: model.fitId });

  const decided = [];
  for (const finding of assessment.findings) {
    const sent = shouldSend(finding.severity, await turn.tx.sentSeverities(current.episodeId, finding.rule));
    await turn.tx.recordWarning(
      {
        clientId: client.personId,
        episodeId: current.episodeId,
        checkinId: current.id,
        rule: finding.rule,
        severity: finding.severity,
        sent,
        fitId: model.fitId,
      },
      turn.now,
    );
    decided.push({ finding, sent });
  }

  const timeZone = clinic.clinic.timeZone;
  const t = clinic.thresholds;
  const summary = summaryText(tw, {
    alias: client.alias,
    checkin: current,
    assessment,
    model,
    warnings: decided.map(({ finding, sent }) => ({ rule: finding.rule, sent })),
    reliableChange: t.progressReliableChange,
    allianceItemBelow: t.allianceItem,
    timeZone,
  });
  // What the client disclosed during this check-in comes right under the title, where it is seen.
  const risk = riskSection(
    tw,
    await turn.tx.riskEvents(client.personId, { checkinId: current.id }),
    await turn.tx.openRiskAlert(client.personId),
    timeZone,
  );
  const [title = "", ...body] = summary.split("\n");
  const text = risk.length > 0 ? [title, ...risk, ...body].join("\n") : summary;
  await turn.send(client.therapistId, { kind: "summary", text }, client.personId);
  for (const { finding } of decided.filter((d) => d.sent)) {
    const text = warningText(tw, client.alias, finding, assessment, {
      model,
      reliableChange: t.progressReliableChange,
      allianceConcern: t.allianceConcern,
      allianceDrop: t.allianceDrop,
      timeZone,
    });
    await turn.send(client.therapistId, { kind: "warning", text }, client.personId);
  }
}

function totals(checkins: readonly CompletedCheckin[], instrument: string): number[] {
  return checkins.map((c) => totalOf(c.answers, instrument)).filter((v): v is number => v !== undefined);
}

function allianceOf(
  checkin: CompletedCheckin,
): { total: number; items: { item: string; value: number }[] } | undefined {
  const total = totalOf(checkin.answers, "alliance");
  if (total === undefined) return undefined;
  return { total, items: checkin.answers.filter((a) => a.instrument === "alliance") };
}
