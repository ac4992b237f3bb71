import type { RiskFinding } from "../clinical/risk-screen.js";
import { wordingFor } from "../prompts/render.js";
import type { Checkin, Client } from "../store/types.js";
import { afterCompletion } from "./checkin-complete.js";
import { stepOf } from "./checkin-plan.js";
import { SAFETY_INSTRUMENT } from "./checkin-run.js";
import { stepMessage } from "./questions.js";
import { afterCrisis, disclosureOf, raiseRisk } from "./risk-alerts.js";
import { excerpt } from "./risk-screening.js";
import type { Turn } from "./turn.js";

/**
 * What a client's turn does when what they wrote matched the risk lists, or answers the safety
 * question asked about a concern. After a crisis message nothing procedural follows in the same
 * turn: one warm line, and the open check-in's question waits for the client's next message.
 */

export const SAFETY_CHECK_REF = "safety-check";

/** A disclosure (or a concern while an alert is open): the whole risk path, then a warm line. */
export async function disclosureTurn(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  finding: RiskFinding,
  text: string,
): Promise<void> {
  const { crisisSent } = await raiseRisk(turn, client, open?.id ?? null, disclosureOf(finding, text));
  const stillOpen = await keepAsComment(turn, client, open, text);
  await afterCrisis(turn, client, stillOpen, crisisSent);
}

/**
 * A concern (hopelessness, "can't go on"): the client is asked the safety question at once, in
 * the language of their own words. The therapist's summary lists the concern either way.
 */
export async function concernTurn(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  finding: RiskFinding,
  text: string,
): Promise<void> {
  if (await turn.tx.openRiskAlert(client.personId)) return disclosureTurn(turn, client, open, finding, text);
  const pending = await turn.tx.pendingConcern(client.personId);
  if (pending) await turn.tx.answerConcern(pending.id, "none");
  const d = disclosureOf(finding, text);
  await turn.tx.addRiskEvent({
    clientId: client.personId,
    alertId: null,
    checkinId: open?.id ?? null,
    tier: "concern",
    source: "free_text",
    words: d.words,
    text: d.text,
    language: d.language,
    safetyAnswer: "pending",
    at: turn.now,
  });
  await keepAsComment(turn, client, open, text);
  const w = wordingFor(
    turn.deps.catalog,
    finding.language,
    turn.event.sender.locale,
    turn.deps.clinic.clinic.language,
  );
  const safety = w.instrument(SAFETY_INSTRUMENT);
  const item = safety.items[0]?.text ?? "";
  // To the client's own conversation: in a group, the question is asked privately.
  await turn.send(client.personId, {
    kind: "question",
    text: w.t("safety_check", { item }),
    choices: (safety.choices ?? []).map((c) => ({ label: c.label, value: String(c.value) })),
    ref: SAFETY_CHECK_REF,
  });
}

/**
 * The answer to a concern's safety question: a yes is a disclosure; a no is thanked and the
 * check-in goes on. Anything else leaves the concern unanswered (the summary says so) and is
 * handled as it would be otherwise. True when the input was the answer.
 */
export async function answerSafetyCheck(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
): Promise<boolean> {
  const pending = await turn.tx.pendingConcern(client.personId);
  if (!pending) return false;
  const input = turn.event.input;
  if (input.kind === "choice" && input.ref !== undefined && input.ref !== SAFETY_CHECK_REF) {
    await turn.tx.answerConcern(pending.id, "none");
    return false;
  }
  const raw = (input.kind === "choice" ? input.value : input.text)
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, "");
  const safety = wordingFor(turn.deps.catalog, pending.language).instrument(SAFETY_INSTRUMENT);
  const choice = safety.choices?.find(
    (c) =>
      String(c.value) === raw ||
      c.label.toLowerCase() === raw ||
      c.words.some((x) => x.toLowerCase() === raw),
  );
  if (!choice) {
    await turn.tx.answerConcern(pending.id, "none");
    return false;
  }
  const risk = safety.riskItem;
  const yes = risk ? choice.value > risk.above : choice.value > 0;
  await turn.tx.answerConcern(pending.id, yes ? "yes" : "no");
  if (yes) {
    const { crisisSent } = await raiseRisk(turn, client, pending.checkinId ?? open?.id ?? null, {
      tier: "disclosure",
      source: "safety_question",
      words: pending.words,
      text: excerpt(pending.text),
      language: pending.language,
    });
    return afterCrisis(turn, client, open, crisisSent).then(() => true);
  }
  await turn.replyText(turn.wording.t("safety_check_no"));
  if (open) await repeatQuestion(turn, client, open);
  return true;
}

/**
 * Words typed at the comment step are the comment: kept, and the check-in completes (its summary
 * shows the risk). Returns the check-in if it is still open.
 */
async function keepAsComment(
  turn: Turn,
  client: Client,
  open: Checkin | undefined,
  text: string,
): Promise<Checkin | undefined> {
  if (!open || stepOf(open).kind !== "comment") return open;
  const max = turn.deps.clinic.checkin.commentMaxLength;
  const comment = [...text.trim()].slice(0, max).join("");
  await turn.tx.completeCheckin(open.id, comment, turn.now);
  await afterCompletion(turn, client);
  return undefined;
}

export async function repeatQuestion(turn: Turn, client: Client, open: Checkin): Promise<void> {
  const therapist = (await turn.tx.getPerson(client.therapistId))?.name ?? "";
  await turn.reply(stepMessage(turn.wording, open, therapist));
}
