/**
 * Formatters are made once per language, zone and style. Each Intl.DateTimeFormat holds ICU
 * memory outside the JavaScript heap, which the garbage collector does not see: made per date,
 * as `clients` does for a whole caseload, they grew the process by over a megabyte a call.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}\u0000${timeZone}\u0000${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone,
    });
    formatters.set(key, format);
  }
  return format;
}

export function formatDate(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, true).format(new Date(iso));
}

export function formatDay(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, false).format(new Date(iso));
}

/** Whole days from one instant to another, for "4 days ago". */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000));
}
