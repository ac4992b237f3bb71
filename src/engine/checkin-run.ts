import { flagsFor } from "../clinical/flags.js";
import type { InboundInput } from "../model.js";
import type { Checkin, Client } from "../store/types.js";
import { decideCheckinInput } from "./checkin-decision.js";
import { buildPlan, stepOf } from "./checkin-plan.js";
import { stepMessage } from "./questions.js";
import { summaryText } from "./summary-text.js";
import type { Turn } from "./turn.js";

/** Opens a check-in for an active client and sends the first question. */
export async function sendCheckin(turn: Turn, client: Client): Promise<Checkin> {
  const w = await turn.wordingOf(client.personId);
  const instruments = turn.deps.clinic.checkin.instruments.map((id) => w.instrument(id));
  const checkin = await turn.tx.createCheckin(client.personId, buildPlan(instruments), turn.now);
  const therapist = (await turn.tx.getPerson(client.therapistId))?.name ?? "";
  await turn.send(client.personId, {
    kind: "info",
    text: w.t("checkin_intro", { therapist, count: checkin.plan.length }),
  });
  await turn.send(client.personId, stepMessage(w, checkin, therapist));
  return checkin;
}

/** One input from a client with an open check-in: store it and move on, or ask again. */
export async function continueCheckin(
  turn: Turn,
  client: Client,
  checkin: Checkin,
  input: InboundInput,
): Promise<void> {
  const w = turn.wording;
  const step = stepOf(checkin);
  // The comment step has no scale; the current item's instrument decides what a valid score is.
  const scale = step.kind === "item" ? w.instrument(step.planItem.instrument).scale : { min: 0, max: 10 };
  const decision = decideCheckinInput(checkin, input, {
    scale,
    commentMaxLength: turn.deps.clinic.checkin.commentMaxLength,
  });
  const therapist = (await turn.tx.getPerson(client.therapistId))?.name ?? "";
  switch (decision.type) {
    case "old_button":
      return turn.replyText(w.t("old_button"));
    case "reask":
      return step.kind === "comment"
        ? turn.reply(stepMessage(w, checkin, therapist))
        : turn.replyText(w.t("answer_reask", { min: scale.min, max: scale.max }));
    case "too_long":
      return turn.replyText(w.t("comment_too_long", { max: turn.deps.clinic.checkin.commentMaxLength }));
    case "answer": {
      await turn.tx.saveAnswer(checkin.id, decision.answer, turn.now);
      await turn.tx.setCheckinStep(checkin.id, decision.nextStep);
      return turn.reply(stepMessage(w, { ...checkin, step: decision.nextStep }, therapist));
    }
    case "complete":
      await turn.tx.completeCheckin(checkin.id, decision.comment, turn.now);
      await turn.replyText(w.t("checkin_thanks", { therapist }));
      return sendSummary(turn, client);
  }
}

/** The therapist's summary of the check-in just completed, with the flags that apply. */
async function sendSummary(turn: Turn, client: Client): Promise<void> {
  const history = await turn.tx.completedCheckins(client.personId);
  const current = history.at(-1);
  if (!current) return;
  const previous = history.at(-2);
  const firstOfEpisode = history.find((c) => c.episodeId === current.episodeId);
  const flags = flagsFor(
    {
      answers: current.answers,
      previous: previous?.answers,
      first: firstOfEpisode && firstOfEpisode.id !== current.id ? firstOfEpisode.answers : undefined,
    },
    turn.deps.clinic.thresholds,
  );
  const tw = await turn.wordingOf(client.therapistId);
  const text = summaryText(tw, {
    alias: client.alias,
    checkin: current,
    previous,
    flags,
    timeZone: turn.deps.clinic.clinic.timeZone,
  });
  await turn.send(client.therapistId, { kind: "summary", text });
}
