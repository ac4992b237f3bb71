/**
 * Splits a text into parts of at most `max` UTF-16 units (the unit platforms count), at a line
 * break where one falls in the second half of a part, never inside a character such as an
 * emoji, and never leaving an empty part.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) {
      cut = max;
      // Not between the two halves of a surrogate pair (an emoji).
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
    }
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
