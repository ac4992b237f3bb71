import type { Tx } from "../../store/types.js";

/**
 * Whether a disclosure was raised during this check-in (a yes to the safety question or a risk
 * item, a concern's yes, or words of disclosure written while it was open), whether its alert was
 * acknowledged since or not. The client was then told that the check-in can wait for them
 * (after-crisis.ts): nothing about it presses them afterwards.
 */
export async function disclosedDuring(tx: Tx, clientId: number, checkinId: number): Promise<boolean> {
  const events = await tx.riskEvents(clientId, { checkinId });
  return events.some((e) => e.tier === "disclosure");
}
