import type { Client, Person, Tx } from "../../store/types.js";

/**
 * Who an unacknowledged alert about a client would go to now (CLINICAL.md, "Risk and safety"):
 * the clinic's on-call contact (`risk.onCall`), or, when there is none to send it to, nobody new,
 * and the repeats stay with the treating therapist. One answer for the escalation itself and for
 * what `contact ALIAS TEXT` tells the therapist, so the reply says what will happen.
 */
export type OnCall =
  /** A registered therapist, other than the client's own, with a chat rapport can reach. */
  | { kind: "on_call"; person: Person }
  /** No `risk.onCall` in the clinic's settings. */
  | { kind: "none" }
  /** `risk.onCall` names nobody registered (start-up refuses this; a removal while running does not). */
  | { kind: "unknown"; name: string }
  /** Registered, but never linked a chat, or every chat of theirs blocked rapport. */
  | { kind: "unreachable"; name: string }
  /** The on-call contact is the client's own therapist, who already has the alert. */
  | { kind: "own_therapist"; name: string };

export async function onCallFor(
  tx: Tx,
  name: string | undefined,
  client: Pick<Client, "therapistId">,
): Promise<OnCall> {
  if (!name) return { kind: "none" };
  const person = await tx.findTherapistByName(name);
  if (!person) return { kind: "unknown", name };
  if (person.id === client.therapistId) return { kind: "own_therapist", name: person.name };
  const reachable = (await tx.identitiesOf(person.id)).some((i) => !i.unreachableAt);
  return reachable ? { kind: "on_call", person } : { kind: "unreachable", name: person.name };
}

/** What the alert's record says about where the escalation went (risk_alerts.escalation_note). */
export function escalationNote(onCall: OnCall): string {
  switch (onCall.kind) {
    case "on_call":
      return "sent to on-call";
    case "none":
      return "no on-call contact: repeated to the treating therapist";
    case "unknown":
      // Told apart from "none": the clinic meant someone to have it (the client was told so).
      return "on-call contact not registered: repeated to the treating therapist";
    case "unreachable":
      return "on-call contact not reachable: repeated to the treating therapist";
    case "own_therapist":
      return "on-call contact is the treating therapist: repeated to them";
  }
}
