/**
 * Text widths from the shipped TrueType font itself, for the chart layout. Without a canvas, Vega
 * guesses a width of 0.8 em per character, which for the shipped font is about a third too wide:
 * the picture grew past 800 pixels and the key's entries ran into each other. Reading the advance
 * widths (the font's `cmap`, `hmtx`, `hhea` and `head` tables) gives the widths resvg will draw,
 * short of kerning. Pure: it reads a Buffer the caller loaded.
 */
export type TextMeasure = (text: string, fontSize: number, bold?: boolean) => number;

interface FontMetrics {
  /** Advance width of a string, in em. */
  em(text: string): number;
}

export function fontMetrics(ttf: Buffer): FontMetrics {
  const tables = tableOffsets(ttf);
  const head = need(tables, "head");
  const hhea = need(tables, "hhea");
  const hmtx = need(tables, "hmtx");
  const unitsPerEm = ttf.readUInt16BE(head + 18);
  const longMetrics = ttf.readUInt16BE(hhea + 34);
  const glyphOf = cmapLookup(ttf, need(tables, "cmap"));
  const advance = (glyph: number) => ttf.readUInt16BE(hmtx + 4 * Math.min(glyph, longMetrics - 1));
  const perChar = new Map<number, number>();
  return {
    em(text) {
      let units = 0;
      for (const ch of text) {
        const code = ch.codePointAt(0) ?? 0;
        let w = perChar.get(code);
        if (w === undefined) {
          w = advance(glyphOf(code));
          perChar.set(code, w);
        }
        units += w;
      }
      return units / unitsPerEm;
    },
  };
}

/** A measure over a regular and a bold face, as Vega and the key layout call it. */
export function measureWith(regular: FontMetrics, bold: FontMetrics): TextMeasure {
  return (text, fontSize, isBold = false) => (isBold ? bold : regular).em(text) * fontSize;
}

function tableOffsets(ttf: Buffer): Map<string, number> {
  const count = ttf.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    tables.set(ttf.toString("latin1", record, record + 4), ttf.readUInt32BE(record + 8));
  }
  return tables;
}

function need(tables: Map<string, number>, tag: string): number {
  const offset = tables.get(tag);
  if (offset === undefined) throw new Error(`font has no ${tag} table`);
  return offset;
}

/**
 * The Unicode BMP subtable (format 4, platform 3 encoding 1, or platform 0) mapped code point to
 * glyph; characters outside it measure as the font's missing glyph (glyph 0), as they would draw.
 */
function cmapLookup(ttf: Buffer, cmap: number): (code: number) => number {
  const count = ttf.readUInt16BE(cmap + 2);
  let sub = -1;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + 8 * i;
    const platform = ttf.readUInt16BE(record);
    const encoding = ttf.readUInt16BE(record + 2);
    const offset = cmap + ttf.readUInt32BE(record + 4);
    if (ttf.readUInt16BE(offset) !== 4) continue;
    if ((platform === 3 && encoding === 1) || platform === 0) sub = offset;
  }
  if (sub < 0) throw new Error("font has no Unicode format 4 cmap");
  const segments = ttf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (code) => {
    if (code > 0xffff) return 0;
    for (let s = 0; s < segments; s++) {
      if (ttf.readUInt16BE(ends + 2 * s) < code) continue;
      const start = ttf.readUInt16BE(starts + 2 * s);
      if (start > code) return 0;
      const delta = ttf.readUInt16BE(deltas + 2 * s);
      const rangeAt = rangeOffsets + 2 * s;
      const range = ttf.readUInt16BE(rangeAt);
      if (range === 0) return (code + delta) & 0xffff;
      const glyph = ttf.readUInt16BE(rangeAt + range + 2 * (code - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
