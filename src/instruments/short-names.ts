/**
 * The `short:` name of each imported item, for summaries and alerts: a scoring profile's name for
 * the item in the instrument's language (the PHQ-9's "Sleep", "Schlaf"), else one cut from the
 * item's text at whole words, distinct from every other item's. Either is the clinic's to edit in
 * the written file; the import says which it wrote.
 */
export interface ShortNameSource {
  id: string;
  shortNames?: readonly {
    item: number;
    code?: string | undefined;
    label: Readonly<Record<string, string>>;
  }[];
}

interface AskedItem {
  text: string;
  codes: readonly string[];
}

/** The names, and the profile whose names they are (none: all cut from the text). */
export function shortNames(
  items: readonly AskedItem[],
  language: string,
  profile: ShortNameSource | undefined,
): { names: string[]; profile?: string } {
  const cut = cutNames(items.map((i) => i.text));
  const coded = items.some((i) => i.codes.length > 0);
  const named = items.map((item, i) => {
    const entry = profile?.shortNames?.find((n) =>
      // Items that carry codes are found by code only: a position would name another question.
      n.code && coded ? item.codes.includes(n.code) : n.item === i + 1,
    );
    return entry?.label[language];
  });
  if (!profile || named.every((n) => n === undefined)) return { names: cut };
  const names = named.map((n, i) => n ?? (cut[i] as string));
  return { names: distinct(names), profile: profile.id };
}

/** A whole item text this long or shorter is its own name. */
const WHOLE = 36;
/** A cut at a word ends by this many characters... */
const WORDS = 28;
/** ...unless the first clause ends between these two. */
const CLAUSE = { min: 12, max: 36 };

/** Names cut from the texts, at whole words, no two alike. */
export function cutNames(texts: readonly string[]): string[] {
  const words = texts.map((t) => t.trim().split(/\s+/));
  const counts = words.map((w, i) => firstCut(w, texts[i] ?? ""));
  // Two alike: each takes another word until they differ (or their whole texts are the same).
  for (let round = 0; round < 50; round++) {
    const names = counts.map((k, i) => name(words[i] ?? [], k));
    const alike = names.map((n, i) => names.some((m, j) => j !== i && plain(m) === plain(n)));
    if (!alike.some(Boolean)) return names;
    let grew = false;
    counts.forEach((k, i) => {
      if (alike[i] && k < (words[i]?.length ?? 0)) {
        counts[i] = k + 1;
        grew = true;
      }
    });
    if (!grew) break;
  }
  return distinct(counts.map((k, i) => name(words[i] ?? [], k)));
}

function firstCut(words: readonly string[], text: string): number {
  if (text.trim().length <= WHOLE) return words.length;
  let length = 0;
  let fit = 1;
  for (let k = 1; k <= words.length; k++) {
    length += (k > 1 ? 1 : 0) + (words[k - 1]?.length ?? 0);
    if (/[,;:?!.]$/.test(words[k - 1] ?? "") && length >= CLAUSE.min && length <= CLAUSE.max) return k;
    if (length <= WORDS) fit = k;
    if (length > CLAUSE.max) break;
  }
  return fit;
}

function name(words: readonly string[], k: number): string {
  const kept = words.slice(0, k).join(" ");
  // A dash standing alone ("yourself -") goes with the punctuation; "ein-" keeps its hyphen.
  return k < words.length ? `${kept.replace(/(?:\s+[-–—]+|[\s,;:?!.])+$/, "")}…` : kept;
}

/** The last resort for names still alike (two items of the same text): their positions. */
function distinct(names: readonly string[]): string[] {
  return names.map((n, i) => (names.filter((m) => plain(m) === plain(n)).length > 1 ? `${n} (${i + 1})` : n));
}

function plain(s: string): string {
  return s.replace(/…$/, "").toLowerCase();
}
