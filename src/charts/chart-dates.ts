import { dateFormat } from "../engine/format.js";

/**
 * The chart's dates: the axis's short date in the therapist's language and zone ("Dec 10",
 * "10. Dez.", "10 dic"), with the year in full where it is needed, and the year a check-in falls in.
 * Their formatters are kept with rapport's others (engine/format.ts), made once each.
 */

export function shortDate(iso: string, language: string, timeZone: string, withYear: boolean): string {
  const f = dateFormat(`short\u0000${language}\u0000${timeZone}\u0000${withYear}`, () =>
    Intl.DateTimeFormat(language, {
      day: "numeric",
      month: "short",
      // The year in full: a two-digit one ("Dec 10, 26") reads as a second day of the month.
      ...(withYear ? { year: "numeric" } : {}),
      timeZone,
    }),
  );
  return f.format(new Date(iso));
}

export function yearIn(iso: string, timeZone: string): string {
  return dateFormat(`year\u0000${timeZone}`, () =>
    Intl.DateTimeFormat("en", { year: "numeric", timeZone }),
  ).format(new Date(iso));
}
