/**
 * The chart's dates: the axis's short date in the therapist's language and zone ("Dec 10",
 * "10. Dez.", "10 dic"), with the year in full where it is needed, and the year a check-in falls in.
 */

/**
 * Formatters are made once per language, zone and style: each Intl.DateTimeFormat holds ICU memory
 * outside the JavaScript heap (see src/engine/format.ts), and a digest draws up to twelve charts.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function shortDate(iso: string, language: string, timeZone: string, withYear: boolean): string {
  const f = cached(`${language}\u0000${timeZone}\u0000${withYear}`, () =>
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
  return cached(`year\u0000${timeZone}`, () =>
    Intl.DateTimeFormat("en", { year: "numeric", timeZone }),
  ).format(new Date(iso));
}
