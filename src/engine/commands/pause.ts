import { readDayRange } from "../../schedule/day-range.js";
import { localDate } from "../../schedule/local-time.js";
import type { Client } from "../../store/types.js";
import { formatDay } from "../format.js";
import type { Turn } from "../turn-context.js";
import { pauseDays, zoneOf } from "./schedule.js";

/**
 * `pause ALIAS FROM..TO` (or one day): no check-ins on those days, in the client's zone;
 * `pause ALIAS off` lifts the pause of today, or else the next one.
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
  // One day ("pause alex 2027-01-05") is a pause of that day; "dec 24 - jan 2" is read too.
  const days = readDayRange(args.join(" "), today);
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
  await turn.replyText(
    from === to
      ? w.t("pause_set_day", { alias: client.alias, day: from })
      : w.t("pause_set", { alias: client.alias, from, to }),
  );
}
