import type { Client, Tx } from "../../store/types.js";
import type { EngineDeps } from "../turn-context.js";
import { onCallFor } from "./on-call.js";

/**
 * An urgent message about an alert that reached no one: its recipient has no chat rapport can
 * write to (never linked, or every chat of theirs blocked the bot). The outbox keeps a failed row
 * without content, which nobody reads, so the clinic's log gets an error (ids only: no client
 * words), and an alert not yet escalated falls due for escalation now instead of after
 * `risk.escalateAfterMinutes`: the on-call contact is the one person left to reach (CLINICAL.md,
 * "Risk and safety"). Only when there is an on-call contact who can be reached and is someone
 * else; otherwise waiting changes nothing, and the repeats go on as ever. The escalation itself is
 * the timed pass's (escalation.ts), from the stored due time, so a restart cannot lose it.
 */
export async function urgentUnreached(
  tx: Tx,
  deps: EngineDeps,
  now: string,
  alertId: number,
  client: Pick<Client, "personId" | "therapistId">,
  personId: number,
  step: string,
): Promise<void> {
  const alert = await tx.getRiskAlert(alertId);
  const open = alert !== undefined && alert.acknowledgedAt === null;
  const onCall =
    open && !alert.escalatedAt ? await onCallFor(tx, deps.config.risk.onCall, client) : undefined;
  const escalateNow = onCall?.kind === "on_call" && onCall.person.id !== personId;
  deps.log?.error(
    { alertId, recipientId: personId, clientId: client.personId, step, escalateNow },
    escalateNow
      ? "an urgent risk alert could not reach its recipient (no reachable chat): escalated to the on-call contact now"
      : "an urgent risk alert could not reach its recipient (no reachable chat)",
  );
  if (!escalateNow || !alert || Date.parse(alert.escalateAt) <= Date.parse(now)) return;
  await tx.updateRiskAlert(alertId, { escalateAt: now });
  await tx.recordRiskStep(alertId, "unreachable_escalate_now", personId, now);
}

/**
 * A therapist whose last reachable chat was just found blocked: every open alert they hold, not
 * yet escalated, is theirs no more to see (the alert, its repeats, its "seen" button), so each is
 * handled as an alert that could not reach them.
 */
export async function therapistUnreached(
  tx: Tx,
  deps: EngineDeps,
  now: string,
  therapistId: number,
): Promise<void> {
  const reachable = (await tx.identitiesOf(therapistId)).some((i) => !i.unreachableAt);
  if (reachable) return;
  for (const [clientId, alert] of await tx.openRiskAlertsOf(therapistId)) {
    const client = { personId: clientId, therapistId };
    await urgentUnreached(tx, deps, now, alert.id, client, therapistId, "therapist_unreachable");
  }
}
