import type { Turn } from "../turn-context.js";

/**
 * `seen N`: the treating therapist acknowledges any alert about their client; the on-call
 * contact only an alert that was escalated to them. The other one is told, so nobody chases
 * an alert that is already in hand.
 */
export async function acknowledgeRisk(
  turn: Turn,
  personId: number,
  rawId: string | undefined,
): Promise<void> {
  const w = turn.wording;
  if (rawId === undefined) return turn.replyText(w.t("seen_without_number"));
  // "seen #3" and "seen 3." are alert 3, as people write a number.
  const id = Number(rawId.replace(/^#/u, "").replace(/[.,;:!?]+$/u, ""));
  const alert = Number.isInteger(id) && id > 0 ? await turn.tx.getRiskAlert(id) : undefined;
  const client = alert ? await turn.tx.getClient(alert.clientId) : undefined;
  const mayAcknowledge = client?.therapistId === personId || (alert?.escalatedTo ?? null) === personId;
  if (!alert || !client || !mayAcknowledge) return turn.replyText(w.t("seen_unknown"));
  if (alert.acknowledgedAt) return turn.replyText(w.t("seen_already"));
  await turn.tx.acknowledgeRiskAlert(alert.id, personId, turn.now);
  await turn.tx.recordRiskStep(alert.id, "acknowledged", personId, turn.now);
  // Which alert, about whom: "seen 3" typed from memory confirms the one meant, or shows it was not.
  await turn.replyAbout(w.t("seen_ok", { id: alert.id, alias: client.alias }), client.personId);
  const other = personId === client.therapistId ? alert.escalatedTo : client.therapistId;
  if (other === null || other === personId || !alert.escalatedTo) return;
  const ow = await turn.wordingOf(other);
  const name = turn.person?.name ?? "";
  await turn.send(
    other,
    { kind: "info", text: ow.t("seen_by_other", { alias: client.alias, name }) },
    client.personId,
  );
}
