import { Duration } from "luxon";
import { round1 } from "../clinical/scores.js";
import { madeOnce } from "../made-once.js";

/**
 * How dates and numbers read to people: one place, so a language with other conventions changes
 * them here and nowhere else.
 */

/**
 * Formatters are made once per language, zone and style, here for every date rapport writes (the
 * charts' too). Each Intl.DateTimeFormat holds ICU memory outside the JavaScript heap, which the
 * garbage collector does not see: made per date, as `clients` does for a whole caseload, they grew
 * the process by over a megabyte a call.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter `key` names (its language, zone and style), made by `make` the first time. */
export function dateFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  return madeOnce(formatters, key, make);
}

function formatter(language: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  return dateFormat(
    `medium\u0000${language}\u0000${timeZone}\u0000${withTime}`,
    () =>
      new Intl.DateTimeFormat(language, {
        dateStyle: "medium",
        ...(withTime ? { timeStyle: "short" } : {}),
        timeZone,
      }),
  );
}

export function formatDate(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, true).format(new Date(iso));
}

/**
 * A date and time that says its zone ("Dec 1, 2026, 10:00 AM CET"): for a therapist reading a
 * summary in another zone than the clinic's, or while travelling.
 */
export function formatDateZoned(iso: string, language: string, timeZone: string): string {
  const zone = dateFormat(
    `zone\u0000${language}\u0000${timeZone}`,
    () => new Intl.DateTimeFormat(language, { timeZone, timeZoneName: "short" }),
  );
  const name = zone.formatToParts(new Date(iso)).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  return `${formatDate(iso, language, timeZone)} ${name}`;
}

export function formatDay(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, false).format(new Date(iso));
}

/**
 * Calendar days from one instant to another in a zone: a check-in sent at 22:45 is "yesterday" at
 * 09:00 the next morning, though fewer than 24 hours have passed. Each instant's date in the zone
 * is read with a formatter made once per zone: `clients` asks this twice a client, and luxon's
 * start-of-day arithmetic took over ten times as long.
 */
export function daysBetween(from: string, to: string, zone: string): number {
  return Math.max(0, Math.round(dayNumber(to, zone) - dayNumber(from, zone)));
}

/** Days since 1970-01-01 of the date an instant falls on in a zone. */
function dayNumber(iso: string, zone: string): number {
  const format = dateFormat(
    `day\u0000${zone}`,
    () =>
      new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "numeric", day: "numeric" }),
  );
  const part = { year: 0, month: 0, day: 0 };
  for (const p of format.formatToParts(new Date(iso))) {
    if (p.type === "year" || p.type === "month" || p.type === "day") part[p.type] = Number(p.value);
  }
  return Date.UTC(part.year, part.month - 1, part.day) / 86_400_000;
}

/** "+3", "-2.5", "0": a signed change for people to read. */
export function signed(delta: number): string {
  const rounded = round1(delta);
  if (rounded > 0) return `+${rounded}`;
  return String(rounded);
}

/**
 * A language as people name it, in the reader's language: "German (de)"; the code alone where the
 * runtime has no name for it (a clinic's own folder such as "xx").
 */
export function languageName(code: string, inLanguage: string): string {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: "language" }).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/**
 * How long something has gone on, in words of the language: "45 minutes", "3 hours", "6 days and
 * 3 hours". A reminder that an alert is still open counts in what a person would say, not in
 * thousands of minutes.
 */
export function elapsedText(ms: number, language: string): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const parts =
    minutes < 120
      ? { minutes }
      : hours < 48
        ? // Repeats every half hour read apart: "2 hours" twice, at 120 and 150 minutes, looked stuck.
          minutes % 60 === 0
          ? { hours }
          : { hours, minutes: minutes % 60 }
        : hours % 24 === 0
          ? { days }
          : { days, hours: hours % 24 };
  return Duration.fromObject(parts, { locale: language }).toHuman({ listStyle: "long" });
}
