import { DateTime } from "luxon";
import { pauseFromToday, startAndLength } from "../../schedule/break-end.js";
import { readDayRange } from "../../schedule/day-range.js";
import { localDate } from "../../schedule/local-time.js";
import type { Client } from "../../store/types.js";
import { pauseDays, zoneOf } from "../client-time.js";
import { formatDay } from "../format.js";
import type { Turn } from "../turn-context.js";

/**
 * `pause ALIAS FROM..TO` (or one day), or a length from today (`pause ALIAS 2w`, `for two weeks`,
 * `until jan 10`: the days a client's "stop for two weeks" pauses): no check-ins on those days, in
 * the client's zone; `pause ALIAS off` lifts the pause of today, or else the next one. A discharged
 * client gets no check-ins to pause: that is said instead.
 */
export async function pause(turn: Turn, client: Client, args: readonly string[]): Promise<void> {
  const w = turn.wording;
  const today = localDate(new Date(turn.now), await zoneOf(turn, client));
  // "pause ALIAS off": the pause of today, or else the next one, is lifted and named; one set for
  // the holidays is not lifted with a one-day pause before it. Pauses already over stay on record.
  if (args.length === 1 && args[0]?.toLowerCase() === "off") {
    const lifted = await turn.tx.liftPause(client.personId, today);
    const lines: string[] = [];
    if (lifted) {
      lines.push(w.t("pause_lifted", { alias: client.alias, days: pauseDays(lifted) }));
      const left = (await turn.tx.pausesOf(client.personId)).filter((p) => p.to >= today);
      if (left.length > 0) {
        lines.push(w.t("pause_still", { alias: client.alias, days: left.map(pauseDays).join(", ") }));
      }
    }
    // A client's own stop is theirs to lift: the therapist is told so, and how it ends, rather
    // than "no pause" about a client who gets no check-ins.
    if (client.pausedAt) {
      const zone = await zoneOf(turn, client);
      const date = formatDay(client.pausedAt, w.pack.language, zone);
      const until = client.pausedUntil && formatDay(client.pausedUntil, w.pack.language, zone);
      lines.push(
        until
          ? w.t("pause_by_client_until", { alias: client.alias, date, until })
          : w.t("pause_by_client", { alias: client.alias, date }),
      );
    }
    return turn.replyText(lines.length > 0 ? lines.join("\n") : w.t("pause_none", { alias: client.alias }));
  }
  // A discharged client with nothing planned gets no check-in to pause: a check-in sent or a
  // schedule set again starts a new episode. A pause left from before can still be lifted, above.
  const ended = await dischargedIdle(turn, client);
  if (ended) {
    const date = formatDay(ended, w.pack.language, await zoneOf(turn, client));
    return turn.replyText(w.t("pause_discharged", { alias: client.alias, date }));
  }
  // A length or an end from today ("2w", "until jan 10") first: readDayRange reads "until jan 10"
  // as that one day. One day ("pause alex 2027-01-05") is a pause of that day; "dec 24 - jan 2",
  // and "from dec 20 for two weeks", are read too.
  const typed = args.join(" ");
  const fromToday = pauseFromToday(typed, today);
  const days = fromToday ?? readDayRange(typed, today) ?? startAndLength(typed, today);
  if (!days) return turn.replyText(w.t("pause_invalid", { alias: client.alias }));
  // Days already over would pause nothing: a range that has begun ("dec 1 - dec 10" on December
  // 4) pauses, and names, its days from today on. A pause already set is not listed twice.
  if (days.to < today) return turn.replyText(w.t("pause_past", { alias: client.alias, today }));
  const { to } = days;
  const from = [days.from, today].sort()[1] ?? today; // the later one: ISO dates sort as text
  const existing = await turn.tx.pausesOf(client.personId);
  if (existing.some((p) => p.from <= from && to <= p.to)) {
    return turn.replyText(w.t("pause_exists", { alias: client.alias }));
  }
  await turn.tx.addPause(client.personId, from, to, turn.now);
  // Read from a length or an end, the reply names the day check-ins go out again too: "until jan
  // 10" pauses up to January 9, as the client's own "stop until jan 10" does.
  const again = DateTime.fromISO(to).plus({ days: 1 }).toISODate();
  await turn.replyText(
    from === to
      ? w.t("pause_set_day", { alias: client.alias, day: from })
      : fromToday && again
        ? w.t("pause_set_again", { alias: client.alias, from, to, again })
        : w.t("pause_set", { alias: client.alias, from, to }),
  );
}

/** When the client's last episode ended, while no schedule or session is set since; else undefined. */
async function dischargedIdle(turn: Turn, client: Client): Promise<string | undefined> {
  const ended = (await turn.tx.episodesOf(client.personId)).at(-1)?.endedAt;
  if (!ended || (await turn.tx.getSchedule(client.personId))) return undefined;
  return (await turn.tx.pendingSessionJobs(client.personId)).length > 0 ? undefined : ended;
}
