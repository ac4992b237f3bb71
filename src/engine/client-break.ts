import { DateTime } from "luxon";
import { breakEnd, startAndLength } from "../schedule/break-end.js";
import { dayRangeIn } from "../schedule/day-range.js";
import { afterQuietHours, localDate, localInstant } from "../schedule/local-time.js";
import type { Client, Tx } from "../store/types.js";
import { asksForBreak, speaksOfBeingAway } from "./break-request.js";
import { zoneOf } from "./client-time.js";
import { formatDay } from "./format.js";
import { asksToStopForGood } from "./stop-request.js";
import { type EngineDeps, personWording, Turn, therapistName } from "./turn-context.js";

/**
 * A client's break from the check-ins. "stop" alone pauses until they type start; "stop for 2
 * weeks" or "pause till january" pauses until the day they named, when the timed steps lift it
 * (after the quiet hours, so nobody is woken by it) and tell them. The therapist hears of the
 * pause once, with its end, and not of its end: they were told when it would be.
 */

/**
 * When a break the words ask for ends: the instant, the day to name, and the client's zone they
 * were read in; with `from`, the later day it was asked to begin on ("from dec 20 to jan 5").
 */
interface BreakEnd {
  at: string;
  day: string;
  zone: string;
  /** A break that begins on a later day: its first and last days, as dates and as named. */
  from?: LaterBreak;
}

interface LaterBreak {
  date: string;
  day: string;
  last: string;
  lastDay: string;
}

async function breakEndOf(turn: Turn, client: Client, words: string): Promise<BreakEnd | undefined> {
  const zone = await zoneOf(turn, client);
  const today = localDate(new Date(turn.now), zone);
  // Two dates ("away from dec 20 to jan 5") are the first and the last day of the break: check-ins
  // come again the day after the last. A range already over leaves the words to breakEnd. A first
  // day and a length ("from dec 20 for two weeks") are such a range too.
  const range = dayRangeIn(words, today) ?? startAndLength(words, today);
  const last = range && range.to >= today ? DateTime.fromISO(range.to).plus({ days: 1 }) : undefined;
  const limit = DateTime.fromISO(today).plus({ years: 1 });
  const day = last ? (last <= limit ? (last.toISODate() ?? undefined) : undefined) : breakEnd(words, today);
  const midnight = day === undefined ? undefined : localInstant(day, "00:00", zone);
  if (!midnight) return undefined;
  const at = afterQuietHours(midnight, zone, turn.deps.config.schedule.quietHours).toISOString();
  const lang = turn.wording.pack.language;
  const named = (date: string) => formatDay(`${date}T12:00:00Z`, lang, "UTC");
  const from =
    range && last && range.from > today
      ? { date: range.from, day: named(range.from), last: range.to, lastDay: named(range.to) }
      : undefined;
  return { at, day: formatDay(at, lang, zone), zone, ...(from ? { from } : {}) };
}

/** `stop` with the words after it: pauses, dated when they name an end, and says so to both. */
export async function pauseFromChat(turn: Turn, client: Client, words: string): Promise<void> {
  const w = turn.wording;
  const end = await breakEndOf(turn, client, words);
  // "stop from dec 20 to jan 5": those days are paused as a therapist's `pause` pauses them, and
  // the check-ins go on until then.
  if (end?.from) return laterBreak(turn, client, end.from);
  const paused = await turn.tx.setPaused(client.personId, turn.now, end?.at ?? null);
  const changed = paused || (client.pausedUntil ?? null) !== (end?.at ?? null);
  await turn.replyText(end ? w.t("paused_until_ok", { date: end.day }) : w.t("paused_ok"));
  if (!changed) return;
  const tw = await turn.wordingOf(client.therapistId);
  const text = end
    ? tw.t("client_paused_until", {
        alias: client.alias,
        date: formatDay(end.at, tw.pack.language, end.zone),
      })
    : tw.t("client_paused", { alias: client.alias });
  await turn.send(client.therapistId, { kind: "info", text }, client.personId);
}

/**
 * A break that begins on a later day ("im away from dec 20 to jan 5"): no check-ins on those days,
 * kept with the therapist's pauses (`schedule ALIAS` shows it, `pause ALIAS off` lifts it), and
 * the therapist is told once. Until then the check-ins go on as before.
 */
async function laterBreak(turn: Turn, client: Client, days: LaterBreak): Promise<void> {
  const therapist = await therapistName(turn.tx, client);
  await turn.replyText(turn.wording.t("break_later_set", { from: days.day, last: days.lastDay, therapist }));
  const set = await turn.tx.pausesOf(client.personId);
  if (set.some((p) => p.from <= days.date && days.last <= p.to)) return;
  await turn.tx.addPause(client.personId, days.date, days.last, turn.now);
  const tw = await turn.wordingOf(client.therapistId);
  const text = tw.t("client_break_later", { alias: client.alias, from: days.date, last: days.last });
  await turn.send(client.therapistId, { kind: "info", text }, client.personId);
}

/** A way to pause offered: its line, its button, and the day the break would end (null: at start). */
interface PauseOffer {
  line: string;
  choice: { label: string; value: string };
  until: string | null;
}

/**
 * What a paused client is told of their pause: with the day it ends when it has one ("when do they
 * start again?" after "stop till january" was told only to type start).
 */
export async function pausedLine(turn: Turn, client: Client, thanks = false): Promise<string> {
  const w = turn.wording;
  if (!client.pausedUntil) return w.t(thanks ? "thanks_reply_paused" : "paused_ok");
  const date = formatDay(client.pausedUntil, w.pack.language, await zoneOf(turn, client));
  return w.t(thanks ? "thanks_reply_paused_until" : "paused_until_ok", { date });
}

/**
 * The way to pause offered to words that ask for a break ("können wir bis februar pausieren"):
 * a line, and a button that carries the control word with the end the client named ("stop until
 * 2026-12-18"), so that a press pauses as typing it does.
 */
export async function breakOffer(turn: Turn, client: Client, words: string): Promise<PauseOffer> {
  return offerOf(turn, await breakEndOf(turn, client, words));
}

/**
 * The offer for a break's end: none named, a pause until start; an end, a pause until then; a
 * later first day too ("away from dec 20 to jan 5"), honestly a pause from now until the end, since
 * a pause begins when it is set, or stop typed on the first day.
 */
function offerOf(turn: Turn, end: BreakEnd | undefined): PauseOffer {
  const w = turn.wording;
  const until = end ? localDate(new Date(end.at), end.zone) : null;
  const value = `stop${untilWords(end)}`;
  if (!end)
    return { until, line: w.t("between_checkins_break"), choice: { label: w.t("pause_button"), value } };
  const date = end.day;
  if (end.from) {
    const days = { from: end.from.day, last: end.from.lastDay };
    return {
      until: rangeOffer(end.from),
      line: w.t("between_checkins_break_range", days),
      choice: { label: w.t("pause_button_range", days), value: `stop ${rangeOffer(end.from)}` },
    };
  }
  const line = w.t("between_checkins_break_until", { date });
  return { until, line, choice: { label: w.t("pause_button_until", { date }), value } };
}

/**
 * A later break as an offer keeps it ("2026-12-20..2027-01-05", as `pause` reads days), and as the
 * button's words: a press, or a typed yes to the offer, sets those days as `stop` with them does.
 */
function rangeOffer(days: { date: string; last: string }): string {
  return `${days.date}..${days.last}`;
}

/**
 * The way to stop offered to words that ask for it, or undefined. For good ("i want to quit", "i
 * dont want to do these anymore"): how to pause at once (with the button), how to end them (the
 * therapist) and how to erase everything (forget). A break ("no check ins till january", "can we
 * take a break") gets breakOffer, dated when the client named an end: that is no wish to stop for good.
 */
export async function pauseOffer(turn: Turn, client: Client, words: string): Promise<PauseOffer | undefined> {
  const forBreak = asksForBreak(words);
  // "im away from dec 20 to jan 5": being away for named days asks for a break on those days.
  if (!forBreak && speaksOfBeingAway(words)) {
    const end = await breakEndOf(turn, client, words);
    return end ? offerOf(turn, end) : undefined;
  }
  const dated = forBreak && (await breakEndOf(turn, client, words)) !== undefined;
  if (asksToStopForGood(words) && !dated) {
    const w = turn.wording;
    const therapist = await therapistName(turn.tx, client);
    return {
      line: w.t("stop_for_good", { therapist }),
      choice: { label: w.t("pause_button"), value: "stop" },
      until: null,
    };
  }
  return forBreak ? breakOffer(turn, client, words) : undefined;
}

/** The words "until DATE" a pause button carries, so that a press keeps the end the client named. */
function untilWords(end: BreakEnd | undefined): string {
  return end ? ` until ${localDate(new Date(end.at), end.zone)}` : "";
}

/** Lifts the breaks whose end has come, telling each client; how many. */
export async function liftEndedBreaks(tx: Tx, deps: EngineDeps, now: string): Promise<number> {
  const ended = await tx.breaksEnded(now);
  for (const personId of ended) {
    const client = await tx.getClient(personId);
    if (!client || !(await tx.setPaused(personId, null))) continue;
    if (client.status !== "active") continue;
    const w = await personWording(tx, deps, personId);
    const turn = Turn.system(deps, tx, now, `break:${personId}`);
    await turn.send(personId, { kind: "info", text: w.t("break_over") }, personId);
  }
  return ended.length;
}
