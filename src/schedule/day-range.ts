import { DateTime } from "luxon";

/**
 * The days of a `pause` as therapists write them: "2026-12-24..2027-01-02" as documented, and also
 * "dec 24 - jan 2", "24 Dec to 2 Jan", "24.12.-2.1.", "24. Dezember bis 2. Januar", "del 24 de
 * diciembre al 2 de enero". A date without a year is the next one from today (an end, the next from
 * its start), so the holidays typed in November reach into January. Dates with slashes ("12/24")
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
  const from = dated(first, today);
  const to = dated(second, from);
  return from && to && to >= from ? { from, to } : undefined;
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

/** The date in ISO form; one without a year is the first on or after `notBefore`. */
function dated(read: Read, notBefore: string | undefined): string | undefined {
  if (!notBefore) return undefined;
  const base = DateTime.fromISO(notBefore);
  const make = (year: number) => DateTime.fromObject({ year, month: read.month, day: read.day });
  let date = make(read.year ?? base.year);
  if (read.year === undefined && date.isValid && date < base) date = make(base.year + 1);
  return date.isValid ? (date.toISODate() ?? undefined) : undefined;
}
