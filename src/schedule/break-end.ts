import { DateTime } from "luxon";
import { type DayRange, monthNumber, readDayRange } from "./day-range.js";
import { weekdayInText } from "./weekday-names.js";

/**
 * The day a client's break from the check-ins ends, from how they asked for it: "stop for 2 weeks",
 * "no check ins for a couple of weeks", "pause till january", "until monday", "until next week",
 * "until the 15th", "bis Januar", "für zwei Wochen", "hasta el lunes", "durante 3 semanas". The day
 * returned is the first on which check-ins go out again ("till january" is January 1). Undefined
 * when the words name no end, or a vague one ("a few weeks", "a while", "after christmas"): such a
 * break lasts until the client types start, and the reply says so rather than guess. At most a
 * year ahead. Pure: `today` is the client's local date.
 */
export function breakEnd(text: string, today: string): string | undefined {
  const said = spoken(text);
  const base = DateTime.fromISO(today);
  if (!base.isValid) return undefined;
  const end = untilDay(said, base) ?? forLength(said, base);
  if (!end || end <= base || end > base.plus({ years: 1 })) return undefined;
  return end.toISODate() ?? undefined;
}

/** The words lower-cased, with spaces around and one between, without punctuation that ends them. */
function spoken(text: string): string {
  const plain = text.toLowerCase().replace(/[!?,;()]+|\.+(?=\s|$)(?<!\d\.)/gu, " ");
  return ` ${plain.replace(/\s+/gu, " ").trim()} `;
}

const COUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  the: 1,
  next: 1,
  "a couple": 2,
  "a couple of": 2,
  couple: 2,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  ein: 1,
  eine: 1,
  einen: 1,
  einer: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  un: 1,
  una: 1,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
};
const UNITS: Record<string, "days" | "weeks" | "months"> = {
  day: "days",
  days: "days",
  tag: "days",
  tage: "days",
  tagen: "days",
  día: "days",
  días: "days",
  dia: "days",
  dias: "days",
  week: "weeks",
  weeks: "weeks",
  wk: "weeks",
  wks: "weeks",
  woche: "weeks",
  wochen: "weeks",
  semana: "weeks",
  semanas: "weeks",
  month: "months",
  months: "months",
  monat: "months",
  monate: "months",
  monaten: "months",
  mes: "months",
  meses: "months",
};
/** Units written short, after a number only, as in a calendar: "2w", "14d", "14 d". */
const SHORT_UNITS: Record<string, "days" | "weeks"> = { d: "days", w: "weeks" };
const COUNT = Object.keys(COUNTS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const UNIT = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const SHORT_UNIT = Object.keys(SHORT_UNITS).join("|");
/**
 * "2 weeks", "a couple of weeks", "zwei Wochen", "dos semanas", "the week", "2w", "14d": a count
 * and a unit; a one-letter unit only right after digits.
 */
const LENGTH_SOURCE = `(?<![\\p{L}\\d])(?:(\\d{1,3}|${COUNT}) (?:more |further |weitere |más )?(${UNIT})|(\\d{1,3}) ?(${SHORT_UNIT}))(?!\\p{L})`;
const LENGTH = new RegExp(LENGTH_SOURCE, "u");
/** "a few weeks" is a length nobody named: no end is guessed for it. */
const VAGUE =
  /(?<!\p{L})(?:few|several|some|paar|einige|unos|unas|algunas|algunos|varias|varios) (?:more )?\p{L}+/u;

/** The whole of the words is a length: "2w", "for two weeks", "für zwei Wochen", "durante un mes". */
const LENGTH_ONLY = new RegExp(`^ (?:for |für |fuer |durante |por )?${LENGTH_SOURCE} $`, "u");
/** The words begin with the end: "until jan 10", "bis Januar", "hasta el lunes". */
const UNTIL_FIRST = /^ (?:until|till|til|untill|bis|hasta) /u;

/**
 * The days a therapist's `pause ALIAS ...` names as a length or an end, from today: "2w", "2 weeks",
 * "for two weeks", "14d", "a month", "für zwei Wochen", "durante un mes", "until jan 10", "bis
 * Januar", "hasta el lunes". They are the days a client's "stop for two weeks" pauses: the last is
 * the day before breakEnd's, when check-ins go out again, so "until jan 10" pauses up to January
 * 9. The words must be only that: "dec 20 for 2 weeks" is not two weeks from today. Undefined for
 * other words, a vague length ("a few weeks") or more than a year. Pure: `today` is the client's
 * local date.
 */
export function pauseFromToday(text: string, today: string): DayRange | undefined {
  const said = spoken(text);
  if (!LENGTH_ONLY.test(said) && !UNTIL_FIRST.test(said)) return undefined;
  const end = breakEnd(text, today);
  const last = end ? DateTime.fromISO(end).minus({ days: 1 }).toISODate() : undefined;
  return last ? { from: today, to: last } : undefined;
}

function forLength(said: string, base: DateTime): DateTime | undefined {
  const length = lengthIn(said);
  return length ? base.plus(length) : undefined;
}

/** The length a break is asked for ("2 weeks", "zwei Wochen"), or undefined for none or a vague one. */
function lengthIn(said: string): Partial<Record<"days" | "weeks" | "months", number>> | undefined {
  const m = LENGTH.exec(said);
  if (!m || VAGUE.test(said)) return undefined;
  const typed = m[1] ?? m[3] ?? "";
  const count = /^\d+$/u.test(typed) ? Number(typed) : COUNTS[typed];
  const unit = m[2] ? UNITS[m[2]] : SHORT_UNITS[m[4] ?? ""];
  if (!count || !unit) return undefined;
  return { [unit]: count };
}

/** "from dec 20 for two weeks", "vom 20.12. für zwei Wochen", "desde el 20 de diciembre durante 2 semanas". */
const FROM_FOR =
  / (?:from|starting|starting on|beginning|vom|von|ab|ab dem|desde el|desde|a partir del|a partir de) (.+?) (?:for|für|fuer|durante|por)( .+) $/u;

/**
 * A break that starts on a named day and lasts a length ("stop from dec 20 for two weeks"): its
 * first and last days. The length counts from the day named, not from today: two weeks from
 * today could end before the break begins. Undefined when the words are not of that form.
 * Pure: `today` is the client's local date.
 */
export function startAndLength(text: string, today: string): DayRange | undefined {
  const said = spoken(text);
  const m = FROM_FOR.exec(said);
  const length = m?.[2] ? lengthIn(`${m[2]} `) : undefined;
  const day = m?.[1] ? readDayRange(m[1], today) : undefined;
  if (!length || !day || day.from !== day.to) return undefined;
  const last = DateTime.fromISO(day.from).plus(length).minus({ days: 1 }).toISODate();
  return last ? { from: day.from, to: last } : undefined;
}

const UNTIL =
  / (?:until|till|til|untill|bis|hasta) (?:zum |zur |el |la |the |end of |ende |finales de )?(.+) $/u;
const NEXT_WEEK =
  /^(?:next week|nächste woche|naechste woche|la (?:próxima|proxima) semana|la semana que viene)\b/u;
const NEXT_MONTH =
  /^(?:next month|nächsten monat|naechsten monat|el (?:próximo|proximo) mes|el mes que viene)\b/u;
const NEW_YEAR = /^(?:the )?(?:new year|neujahr|año nuevo|ano nuevo)\b/u;

function untilDay(said: string, base: DateTime): DateTime | undefined {
  const rest = UNTIL.exec(said)?.[1]?.trim();
  if (!rest) return undefined;
  if (NEXT_WEEK.test(rest)) return base.plus({ weeks: 1 }).startOf("week");
  if (NEXT_MONTH.test(rest)) return base.plus({ months: 1 }).startOf("month");
  if (NEW_YEAR.test(rest)) return base.plus({ years: 1 }).startOf("year");
  const [first = "", ...after] = rest.replace(/^(?:next|nächsten|naechsten|kommenden) /u, "").split(" ");
  // "till january": from the first of that month; "till december" typed in December is unclear.
  const month = monthNumber(first.replace(/\.$/u, ""));
  if (month !== undefined && !/^\d/u.test(after[0] ?? "")) {
    if (month === base.month) return undefined;
    const start = base.set({ month, day: 1 });
    return start > base ? start : start.plus({ years: 1 });
  }
  // A weekday by its name, never by a short form: "so" and "sa" are ordinary words here.
  const weekday = weekdayInText(first);
  if (weekday !== undefined) return base.plus({ days: ((weekday - base.weekday + 6) % 7) + 1 });
  // "the 15th", "el 15", "zum 15.": the next such day of a month.
  const dayOnly = /^(\d{1,2})(?:st|nd|rd|th|\.)?$/u.exec(rest);
  if (dayOnly) {
    const day = Number(dayOnly[1]);
    for (let k = 0; k < 2; k++) {
      const date = base.plus({ months: k }).set({ day });
      if (date.isValid && date.day === day && date > base) return date;
    }
    return undefined;
  }
  const range = readDayRange(rest, base.toISODate() ?? "");
  return range && range.from === range.to ? DateTime.fromISO(range.from) : undefined;
}
