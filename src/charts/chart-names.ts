/**
 * The file names of chart pictures, pure: a client's carries their alias and the clinic's date,
 * never a name or a platform id; the digest's caseload picture carries only the date, so its name
 * does not say whose clients it draws.
 */

/** A client's chart: `sam-2026-12-04.png`. */
export const clientChartName = (alias: string, day: string): string => `${alias}-${day}.png`;

/** The digest's small multiples of the clients who need attention: `caseload-2026-12-07.png`. */
export const caseloadChartName = (day: string): string => `caseload-${day}.png`;

const DATED = /^(.+)-\d{4}-\d{2}-\d{2}\.png$/u;

/**
 * Whether a picture so named may show the client: their own chart, or any caseload picture (it
 * may hold them among others, and its name cannot say). An alias is one word of letters, digits,
 * dots, dashes and underscores, and the date has a fixed width, so "sam" never matches "sam-2"'s
 * pictures nor "2-sam"'s.
 */
export function mayShowClient(name: string, alias: string): boolean {
  const drawn = DATED.exec(name.normalize("NFC"))?.[1];
  return drawn !== undefined && (drawn === alias.normalize("NFC") || drawn === "caseload");
}
