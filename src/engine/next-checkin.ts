import { localDate } from "../schedule/local-time.js";
import { afterPauses, pauseOn } from "../schedule/next-due.js";
import type { Client, Schedule } from "../store/types.js";
import { goesOutAt, zoneOf } from "./client-time.js";
import { formatDate } from "./format.js";
import type { Turn } from "./turn-context.js";

/** When a schedule's next check-in falls due: the one before the session under a split plan. */
export function nextCheckinOf(s: Schedule): string {
  return s.nextBeforeAt && s.nextBeforeAt < s.nextAfterAt ? s.nextBeforeAt : s.nextAfterAt;
}

/**
 * When the client's next check-in reaches them, in their zone and language: the weekly schedule's
 * next one outside the therapist's pauses, or a one-off session's if that comes first (one inside a
 * pause is skipped, as the scheduler skips it), held past the quiet hours as it will be. None when
 * nothing is planned: the therapist sends check-ins by hand.
 */
export async function nextCheckinWhen(turn: Turn, client: Client): Promise<string | undefined> {
  const zone = await zoneOf(turn, client);
  const pauses = await turn.tx.pausesOf(client.personId);
  const inPause = (at: string) => pauseOn(pauses, localDate(new Date(at), zone)) !== undefined;
  const [session] = (await turn.tx.pendingSessionJobs(client.personId)).filter((at) => !inPause(at));
  const schedule = await turn.tx.getSchedule(client.personId);
  const weekly = schedule ? nextCheckinOf(afterPauses(schedule, pauses, zone)) : undefined;
  const next = [session, weekly].filter((at): at is string => at !== undefined).sort()[0];
  if (!next) return undefined;
  return formatDate(goesOutAt(turn, next, zone), turn.wording.pack.language, zone);
}
