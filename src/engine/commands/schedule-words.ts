import { DateTime } from "luxon";
import { readDayRange } from "../../schedule/day-range.js";
import { localDate, localInstant } from "../../schedule/local-time.js";
import { weekdayNumber } from "../../schedule/weekday-names.js";
import { clockWords, readTime } from "./clock-words.js";

/**
 * How therapists write `schedule` and `session`, read exactly: "weekly tue 17:00 50m split" as
 * documented, and as people say it ("every Thursday at 10", "thu 10.00", "every monday at 17:30
 * for 45 minutes", "session priya tomorrow 3pm", "session priya dec 10 15:00"). What cannot be
 * read exactly is refused, naming the words not understood. Pure.
 */
export type Problem =
  | { kind: "words"; words: string }
  | { kind: "meridiem"; hour: string }
  | { kind: "weekly_only" }
  | { kind: "usage" };

export interface Weekly {
  weekday: number;
  time: string;
  durationMin: number;
  plan: "split" | "after";
}

const UNITS: Readonly<Record<string, "m" | "h">> = {
  m: "m",
  min: "m",
  mins: "m",
  minute: "m",
  minutes: "m",
  h: "h",
  hr: "h",
  hrs: "h",
  hour: "h",
  hours: "h",
  // German and Spanish: "45 Minuten", "1 Stunde", "50 minutos", "1 hora".
  minuten: "m",
  minutos: "m",
  std: "h",
  stunde: "h",
  stunden: "h",
  hora: "h",
  horas: "h",
};

/** A duration: "50", "50m", "50min", "1h" (the words joined already), 5 minutes to 8 hours. */
export function minutes(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  const match = /^(\d{1,3})([a-z]+)?$/.exec(raw.toLowerCase());
  const unit = match?.[2] === undefined ? "m" : UNITS[match[2]];
  if (!match || !unit) return undefined;
  const n = Number(match[1]) * (unit === "h" ? 60 : 1);
  return n >= 5 && n <= 480 ? n : undefined;
}

/**
 * The words joined as they belong: "5:30 pm" is one time, "60 min" and "for 45 minutes" one
 * duration ("60m"); "on", "at" and "for" are only glue.
 */
function tidy(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (const arg of clockWords(args)) {
    const word = arg.toLowerCase();
    const previous = joined.at(-1);
    if (previous && /^[ap]\.?m\.?$/iu.test(arg) && /^\d{1,2}(?:[:.]\d{2})?$/u.test(previous)) {
      joined[joined.length - 1] = `${previous}${arg}`;
    } else if (previous && /^\d{1,3}$/.test(previous) && UNITS[word.replace(/\.$/, "")]) {
      joined[joined.length - 1] = `${previous}${UNITS[word.replace(/\.$/, "")]}`;
    } else if (!["on", "at", "for"].includes(word)) {
      joined.push(arg);
    }
  }
  return joined;
}

/** "every other monday", "biweekly", "fortnightly", "monthly", "every 2 weeks": not weekly. */
const OTHER_RHYTHM =
  /(?:^|\s)(?:every\s+(?:other|second|2nd|two|2|3|three|4|four|alternate)|bi-?weekly|fortnightly|monthly|alternate|alternating)(?:\s|$)/iu;

/** A weekday in English, German or Spanish (weekday-names.ts). */
const isWeekday = (word: string) => weekdayNumber(word) !== undefined;

/**
 * "every thursday at 10am", "thursdays 10am", "weekly on thu at 5pm" are the documented "weekly
 * thu 10am": "every" is "weekly", and a weekday first means weekly.
 */
function asWeekly(words: readonly string[]): string[] {
  const [first = "", ...rest] = words;
  if (first.toLowerCase() === "every") return ["weekly", ...rest];
  return isWeekday(first) ? ["weekly", ...words] : [...words];
}

/** `schedule ALIAS …` after the alias (not "off", not empty): the weekly schedule, or what is wrong. */
export function readWeekly(
  typed: readonly string[],
  defaults: { durationMin: number; plan: "split" | "after" },
): Weekly | Problem {
  if (OTHER_RHYTHM.test(typed.join(" "))) return { kind: "weekly_only" };
  const [kind = "", day = "", rawTime, ...rest] = asWeekly(tidy(typed));
  if (kind.toLowerCase() !== "weekly") return { kind: "words", words: kind };
  if (!isWeekday(day)) return day ? { kind: "words", words: day } : { kind: "usage" };
  const weekday = weekdayNumber(day) ?? 0;
  const time = readTime(rawTime);
  if (typeof time !== "string") return time;
  // A duration, then the plan; the plan alone takes the default duration.
  const planAt = rest.findIndex((w) => ["split", "after"].includes(w.toLowerCase()));
  const durationWords = planAt < 0 ? rest : rest.slice(0, planAt);
  const planWords = planAt < 0 ? [] : rest.slice(planAt);
  if (durationWords.length > 1) return { kind: "words", words: durationWords.slice(1).join(" ") };
  if (planWords.length > 1) return { kind: "words", words: planWords.slice(1).join(" ") };
  const durationMin = minutes(durationWords[0], defaults.durationMin);
  if (durationMin === undefined) return { kind: "words", words: durationWords[0] ?? "" };
  const plan = (planWords[0]?.toLowerCase() as "split" | "after" | undefined) ?? defaults.plan;
  return { weekday, time, durationMin, plan };
}

/**
 * The day of a one-off session, in the client's zone: "2026-12-03", "today", "tomorrow", a
 * weekday ("thu", "next thursday", "Do", "jueves": the next such day after today), or a date as people write it
 * ("dec 10", "10 dec", "10.12.", read by day-range.ts, which names no year). With how many words it took.
 */
function sessionDay(words: readonly string[], today: string): { date: string; used: number } | undefined {
  const first = (words[0] ?? "").toLowerCase();
  const day = DateTime.fromISO(today);
  if (/^\d{4}-\d{2}-\d{2}$/.test(first)) return { date: first, used: 1 };
  if (first === "today") return { date: today, used: 1 };
  if (first === "tomorrow") return { date: day.plus({ days: 1 }).toISODate() ?? "", used: 1 };
  // A date first: "mar 10" is March 10, though Spanish "mar" alone is Tuesday ("mar 15:00").
  for (const used of [3, 2, 1]) {
    if (words.length < used) continue;
    const range = readDayRange(words.slice(0, used).join(" "), today);
    if (range && range.from === range.to) return { date: range.from, used };
  }
  const next = first === "next" ? 1 : 0;
  const weekday = weekdayNumber(words[next] ?? "");
  if (weekday === undefined) return undefined;
  const ahead = ((weekday - day.weekday + 6) % 7) + 1;
  return { date: day.plus({ days: ahead }).toISODate() ?? "", used: next + 1 };
}

interface SessionStart {
  start: Date;
  durationMin: number;
}

/** `session ALIAS …` after the alias: "now [50m]" or DAY TIME [DURATION], or what is wrong. */
export function readSession(
  typed: readonly string[],
  now: Date,
  zone: string,
  defaultMin: number,
): SessionStart | Problem {
  const words = tidy(typed);
  let start: Date | undefined;
  let rest: string[];
  if (words[0]?.toLowerCase() === "now") {
    start = now;
    rest = words.slice(1);
  } else {
    const day = sessionDay(words, localDate(now, zone));
    if (!day) return words[0] ? { kind: "words", words: words[0] } : { kind: "usage" };
    const time = readTime(words[day.used]);
    if (typeof time !== "string") return time;
    start = localInstant(day.date, time, zone);
    if (!start) return { kind: "words", words: words.slice(0, day.used + 1).join(" ") };
    rest = words.slice(day.used + 1);
  }
  if (rest.length > 1) return { kind: "words", words: rest.slice(1).join(" ") };
  const durationMin = minutes(rest[0], defaultMin);
  if (durationMin === undefined) return { kind: "words", words: rest[0] ?? "" };
  return { start, durationMin };
}
