import { afterQuietHours } from "../schedule/local-time.js";
import type { Client } from "../store/types.js";
import type { Turn } from "./turn-context.js";

/** A client's time as turns name it: their zone, when a check-in reaches them, a pause's days. */

/** The client's time zone, or else the clinic's. */
export async function zoneOf(turn: Turn, client: Client): Promise<string> {
  return (await turn.tx.clientZone(client.personId)) ?? turn.deps.config.clinic.timeZone;
}

/** A pause as the therapist typed it: one day, or FROM..TO. */
export function pauseDays(p: { from: string; to: string }): string {
  return p.from === p.to ? p.from : `${p.from}..${p.to}`;
}

/**
 * When a check-in due at `at` reaches the client: a check-in due in the quiet hours waits for
 * their end (due-steps.ts), so "9:30 PM" would tell the therapist and the client a time nothing comes.
 */
export function goesOutAt(turn: Turn, at: string, zone: string): string {
  return afterQuietHours(new Date(at), zone, turn.deps.config.schedule.quietHours).toISOString();
}
