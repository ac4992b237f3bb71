/**
 * Buttons side by side share a phone's width, and a platform cuts a label that does not fit its
 * share ("More than half t…"). So a row holds as many buttons as fit: 0 to 10 comes as 0 to 5 and
 * 6 to 10, yes and no share a row, and the labels of a 0 to 3 scale ("Not at all", "Nearly every
 * day") get a row each.
 */

/** About how many characters of button labels a phone shows across one row. */
const PHONE_ROW_CHARS = 32;

export function choiceRows<T extends { label: string }>(
  choices: readonly T[],
  maxPerRow: number,
  rowChars = PHONE_ROW_CHARS,
): T[][] {
  const longest = Math.max(0, ...choices.map((c) => [...c.label].length));
  let perRow = Math.max(1, Math.min(maxPerRow, choices.length));
  while (perRow > 1 && longest > Math.floor(rowChars / perRow)) perRow--;
  const rows: T[][] = [];
  for (let i = 0; i < choices.length; i += perRow) rows.push(choices.slice(i, i + perRow));
  return rows;
}
