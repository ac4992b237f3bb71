import { DateTime } from "luxon";

/**
 * The days of a `pause` as therapists write them: "2026-12-24..2027-01-02" as documented, and also
 * "dec 24 - jan 2", "24 Dec to 2 Jan", "24.12.-2.1.", "24. Dezember bis 2. Januar", "del 24 de
 * diciembre al 2 de enero". Days without a year are the nearest that fits (see `yearless`): the
 * holidays typed in November reach into January, "dec 1 - dec 10" typed on December 4 is this
 * December's, and "jan 2 - jan 9" typed then is next January's. Dates with slashes ("12/24")
 * are refused: which part is the month differs between countries. The reply names the days read,
 * as year-month-day, so a misreading shows at once. Pure.
 */
export interface DayRange {
  from: string;
  to: string;
}

const MONTHS: readonly (readonly string[])[] = [
  ["jan", "january", "januar", "jänner", "enero", "ene"],
  ["feb", "february", "februar", "febrero"],
  ["mar", "march", "märz", "maerz", "mär", "marzo"],
  ["apr", "april", "abril", "abr"],
  ["may", "mai", "mayo"],
  ["jun", "june", "juni", "junio"],
  ["jul", "july", "juli", "julio"],
  ["aug", "august", "agosto", "ago"],
  ["sep", "sept", "september", "septiembre", "setiembre"],
  ["oct", "october", "oktober", "okt", "octubre"],
  ["nov", "november", "noviembre"],
  ["dec", "december", "dezember", "dez", "diciembre", "dic"],
];
/** A month's number from its name or abbreviation in English, German or Spanish ("jan", "März"). */
export function monthNumber(word: string): number | undefined {
  const at = MONTHS.findIndex((names) => names.includes(word.toLowerCase()));
  return at < 0 ? undefined : at + 1;
}

const MONTH_WORD = `(?<!\\p{L})(${MONTHS.flat()
  .sort((a, b) => b.length - a.length)
  .join("|")})(?!\\p{L})\\.?`;
const DAY = "(\\d{1,2})(?:st|nd|rd|th|\\.)?";
const YEAR = "(?:,? (\\d{4}))?";

/** Each way a date is written, with where its day, month and year are in the match. */
const FORMS: readonly { re: string; day: number; month: number; year: number; named: boolean }[] = [
  { re: "(\\d{4})-(\\d{2})-(\\d{2})", year: 1, month: 2, day: 3, named: false },
  { re: `${MONTH_WORD} ${DAY}${YEAR}`, month: 1, day: 2, year: 3, named: true },
  { re: `${DAY} (?:de |of )?${MONTH_WORD}(?: de)?${YEAR}`, day: 1, month: 2, year: 3, named: true },
  // German numeric dates always carry the dot after the month: "24.12." or "24.12.2026".
  { re: "(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})?", day: 1, month: 2, year: 3, named: false },
];
const DATE = new RegExp(FORMS.map((f) => `(${f.re})`).join("|"), "giu");

/** What may stand around and between the dates: "from", "to", "-", "..", "bis", "al". */
const FILLER =
  /^(?:\s|\.\.|-|–|—|to|till|until|through|thru|from|vom|von|bis|zum|del|de|al|hasta|desde|y|and)*$/iu;

interface Read {
  month: number;
  day: number;
  year: number | undefined;
}

export function readDayRange(text: string, today: string): DayRange | undefined {
  const said = text.trim().toLowerCase();
  const found: Read[] = [];
  let rest = "";
  let at = 0;
  for (const m of said.matchAll(DATE)) {
    const read = readMatch(m);
    if (!read) return undefined;
    found.push(read);
    rest += said.slice(at, m.index);
    at = (m.index ?? 0) + m[0].length;
  }
  rest += said.slice(at);
  if (found.length < 1 || found.length > 2 || !FILLER.test(rest)) return undefined;
  const [first, second = first] = found as [Read, Read?];
  if (first.year === undefined && second.year === undefined) return yearless(first, second, today);
  // One year given: the other date is the nearest such day on its side of that one.
  const given = (read: Read) => (read.year === undefined ? undefined : inYear(read, read.year));
  const from = given(first) ?? latest(first, given(second));
  const to = given(second) ?? earliest(second, from);
  return from && to && to >= from ? { from, to } : undefined;
}

/** What joins two dates into a range inside a sentence: "dec 20 - jan 5", "20.12. bis 5.1.", "del 20 al 5 de enero". */
const JOINED = /^ *(?:-|–|—|\.\.|to|till|until|til|through|thru|bis|zum|al|hasta) *$/u;

/**
 * A range of days somewhere in a client's words ("im away from dec 20 to jan 5", "no check ins dec
 * 20 - jan 5 pls", "vom 20. Dezember bis 5. Januar", "del 20 de diciembre al 5 de enero"): two
 * dates joined as a range, read as readDayRange reads them; undefined when there are none.
 */
export function dayRangeIn(text: string, today: string): DayRange | undefined {
  const said = text.toLowerCase();
  const dates = [...said.matchAll(DATE)];
  for (let k = 0; k + 1 < dates.length; k++) {
    const [a, b] = [dates[k], dates[k + 1]];
    if (a?.index === undefined || b?.index === undefined) continue;
    if (!JOINED.test(said.slice(a.index + a[0].length, b.index))) continue;
    const range = readDayRange(said.slice(a.index, b.index + b[0].length), today);
    if (range) return range;
  }
  return undefined;
}

/**
 * How long ago a yearless range may have ended and still be this year's: typed on December 4,
 * "nov 10" or "dec 1 - dec 3" is the days just gone (a slip, or a pause entered late), so the
 * reply says they are over; pausing next November instead would be silently wrong. A range
 * that ended longer ago is next year's ("nov 2", "jan 2 - jan 9" typed on December 4).
 */
const RECENT_DAYS = 28;
/** A yearless range read as longer than this is more likely its dates the wrong way round. */
const MAX_YEARLESS_DAYS = 183;

/**
 * A range without years: its end is the first such day from RECENT_DAYS before today on, its
 * start the last such day not after the end. So a range that has begun and not ended ("dec 1 -
 * dec 10" on December 4, "dec 24 - jan 2" on January 1) is the current one, and its days from
 * today on are what can still be paused.
 */
function yearless(first: Read, second: Read, today: string): DayRange | undefined {
  const recent = DateTime.fromISO(today).minus({ days: RECENT_DAYS }).toISODate();
  const to = recent ? earliest(second, recent) : undefined;
  const from = latest(first, to);
  if (!from || !to) return undefined;
  const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), "days").days;
  return days <= MAX_YEARLESS_DAYS ? { from, to } : undefined;
}

/** The date in ISO form in that year, if there is such a day ("feb 30" is none). */
function inYear(read: Read, year: number): string | undefined {
  const date = DateTime.fromObject({ year, month: read.month, day: read.day });
  return date.isValid ? (date.toISODate() ?? undefined) : undefined;
}

/** The first such day on or after `notBefore`. */
function earliest(read: Read, notBefore: string | undefined): string | undefined {
  if (!notBefore) return undefined;
  const year = DateTime.fromISO(notBefore).year;
  return [year, year + 1].map((y) => inYear(read, y)).find((d) => d !== undefined && d >= notBefore);
}

/** The last such day on or before `notAfter`. */
function latest(read: Read, notAfter: string | undefined): string | undefined {
  if (!notAfter) return undefined;
  const year = DateTime.fromISO(notAfter).year;
  return [year, year - 1].map((y) => inYear(read, y)).find((d) => d !== undefined && d <= notAfter);
}

function readMatch(m: RegExpMatchArray): Read | undefined {
  // The groups of FORMS follow one another: each form's own group, then its inner groups.
  let offset = 1;
  for (const form of FORMS) {
    const inner = form.re.match(/\((?!\?)/g)?.length ?? 0;
    if (m[offset] !== undefined) {
      const g = (n: number) => m[offset + n];
      const monthText = g(form.month) ?? "";
      const month = form.named
        ? MONTHS.findIndex((names) => names.includes(monthText)) + 1
        : Number(monthText);
      const year = g(form.year);
      return { month, day: Number(g(form.day)), year: year ? Number(year) : undefined };
    }
    offset += inner + 1;
  }
  return undefined;
}
