/**
 * A time of day as therapists write it in the languages rapport speaks: "17:00", "5pm", "17h",
 * "17.30", and "18 Uhr", "18:00 Uhr", "um 18 Uhr", "6 Uhr abends", "a las 18", "18 hs", "18:30 h",
 * "a las 6 de la tarde". What could be two times is refused: "6 Uhr" or "a las 6" alone (morning or
 * evening?), "18 Uhr 30" (18:30, or 18:00 for 30 minutes?), "12 de la noche". Pure.
 */

type TimeProblem = { kind: "words"; words: string } | { kind: "meridiem"; hour: string } | { kind: "usage" };

const HHMM = /^([01]?\d|2[0-3]):[0-5]\d$/;
const TWELVE_HOUR = /^(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?(am|pm)$/;
// "17h", "17h30", "17.30", "10.00".
const HOUR_MARK = /^([01]?\d|2[0-3])h$|^([01]?\d|2[0-3])[h.]([0-5]\d)$/;

/** A time of day as people write it ("17:00", "9:30", "5pm", "5:30 p.m.", "17h", "17.30"), as HH:MM. */
function clockTime(raw: string | undefined): string | undefined {
  const text = (raw ?? "").toLowerCase().replace(/([ap])\.m\.?$/u, "$1m");
  if (HHMM.test(text)) return text.padStart(5, "0");
  const twelve = TWELVE_HOUR.exec(text);
  if (twelve) {
    const hour = (Number(twelve[1]) % 12) + (twelve[3] === "pm" ? 12 : 0);
    return `${String(hour).padStart(2, "0")}:${twelve[2] ?? "00"}`;
  }
  const marked = HOUR_MARK.exec(text);
  if (!marked) return undefined;
  const hour = marked[1] ?? marked[2] ?? "";
  return `${hour.padStart(2, "0")}:${marked[3] ?? "00"}`;
}

/** The word after a time that says it is a time of day: "18 Uhr", "18 hs", "18:30 h". */
const CLOCK_MARK = /^(?:uhr|hs)$/u;
/** A time as typed before such a word, marked already or not: "18", "18:00", "18.30", "18 Uhr". */
const TIME_LIKE = /^(\d{1,2})(?:[:.](\d{2}))?(?:\s?(?:uhr|hs|h))?$/u;
/** A time with its mark, as clockWords joins them ("18 Uhr", "18:30 h"): the time and the mark. */
const MARKED = /^(\d{1,2}(?:[:.]\d{2})?)\s?(?:uhr|hs|h)$/u;
/** A unit after a number, which makes it a duration: "18 Uhr 45 min", "a las 18 1 hora". */
const UNIT =
  /^(?:m|min|mins|minute|minutes|minuten|minutos|h|hr|hrs|hour|hours|std|stunde|stunden|hora|horas)\.?$/u;

/**
 * A time, or a bare hour ("at 10", "18 Uhr"): 7 to 23 is that hour on the 24-hour clock ("10" is
 * 10:00, "12" noon, "19" 19:00); 1 to 6 is refused, as "3" is as likely 15:00 as 03:00 (no session
 * is guessed into the night), so the reply asks for am, pm or the 24-hour time.
 */
export function readTime(raw: string | undefined): string | TimeProblem {
  if (raw === undefined) return { kind: "usage" };
  const time = clockTime(raw);
  if (time) return time;
  // "18 Uhr", "18:00 Uhr", "18.30 hs", "18:30h" (joined by clockWords): the time before the mark.
  const unmarked = raw.toLowerCase().replace(MARKED, "$1");
  if (unmarked !== raw.toLowerCase()) {
    const marked = clockTime(unmarked);
    if (marked) return marked;
  }
  const bare = /^(\d{1,2})$/.exec(unmarked);
  const hour = Number(bare?.[1] ?? Number.NaN);
  if (hour >= 7 && hour <= 23) return `${String(hour).padStart(2, "0")}:00`;
  if (hour >= 1 && hour <= 6) return { kind: "meridiem", hour: String(hour) };
  return { kind: "words", words: raw };
}

/** Words after an hour that say which half of the day: "6 Uhr abends", "6 de la tarde". */
const DAY_PARTS: readonly { words: readonly string[]; half: "am" | "pm" }[] = [
  ...["abends", "nachmittags", "de la tarde", "de la noche", "por la tarde", "por la noche"].map((part) => ({
    words: part.split(" "),
    half: "pm" as const,
  })),
  ...["in the evening", "in the afternoon"].map((part) => ({ words: part.split(" "), half: "pm" as const })),
  ...["morgens", "vormittags", "früh", "frueh", "de la mañana", "de la manana", "por la mañana"].map(
    (part) => ({ words: part.split(" "), half: "am" as const }),
  ),
  ...["in the morning"].map((part) => ({ words: part.split(" "), half: "am" as const })),
];

/**
 * The words of a time joined as they belong, before the rest is read: "um" and "a las" are only
 * glue, "18 Uhr" is "18uhr", "6 Uhr abends" and "6 de la tarde" are "6pm". A day part that does
 * not fit the hour ("18 Uhr morgens", "12 de la noche") and a number after "Uhr" ("18 Uhr 30")
 * stay joined to the time, so that it is refused whole, naming what was typed.
 */
export function clockWords(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const arg = args[at] ?? "";
    const word = arg.toLowerCase();
    const next = (args[at + 1] ?? "").toLowerCase();
    const previous = joined.at(-1) ?? "";
    const time = TIME_LIKE.exec(previous.toLowerCase());
    if (word === "um" && /^\d/u.test(next)) continue;
    if (word === "a" && (next === "las" || next === "la")) continue;
    if ((word === "las" || word === "la") && /^\d/u.test(next)) continue;
    const marked = MARKED.test(previous.toLowerCase());
    if (time && !marked && (CLOCK_MARK.test(word) || (word === "h" && time[2] !== undefined))) {
      joined[joined.length - 1] = `${previous} ${arg}`;
      continue;
    }
    // "18 Uhr 30": 18:30 as said, or 18:00 for 30 minutes? Refused whole; "18 Uhr 30 min" is read.
    if (time && /uhr$/u.test(previous.toLowerCase()) && /^\d{1,2}$/u.test(word) && !UNIT.test(next)) {
      joined[joined.length - 1] = `${previous} ${arg}`;
      continue;
    }
    const part = time
      ? DAY_PARTS.find((p) => p.words.every((w, i) => (args[at + i] ?? "").toLowerCase() === w))
      : undefined;
    if (time && part) {
      joined[joined.length - 1] = withHalf(
        previous,
        Number(time[1]),
        part.half,
        args.slice(at, at + part.words.length),
      );
      at += part.words.length - 1;
      continue;
    }
    joined.push(arg);
  }
  return joined;
}

/**
 * A time with the half of the day said after it: 1 to 11 as am or pm ("6pm", "6:30am"); 13 to 23
 * with a pm part as it is ("18 Uhr abends"). Anything else (12, "18 Uhr morgens") stays as typed,
 * joined, to be refused.
 */
function withHalf(time: string, hour: number, half: "am" | "pm", part: readonly string[]): string {
  const bare = time.toLowerCase().replace(MARKED, "$1");
  if (hour >= 1 && hour <= 11) return `${bare}${half}`;
  if (hour >= 13 && hour <= 23 && half === "pm") return bare;
  return [time, ...part].join(" ");
}
