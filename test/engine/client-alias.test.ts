import { describe, expect, it } from "vitest";
import { normaliseAlias } from "../../src/engine/client-alias.js";

describe("normaliseAlias", () => {
  it.each([
    ["alex", "alex"],
    ["Alex", "alex"],
    ["J.Doe", "j.doe"],
    ["client_7", "client_7"],
    ["a-b", "a-b"],
    ["7", "7"],
    ["zoë", "zoë"],
    ["Zoë", "zoë"],
    ["ÅSA", "åsa"],
    ["Ελένη", "ελένη"],
    ["日本", "日本"],
    ["مريم", "مريم"],
    // NFD input is composed to NFC first.
    ["zoe\u0308", "zoë"],
  ])("accepts %j as %j", (raw, alias) => {
    expect(normaliseAlias(raw)).toBe(alias);
  });

  it("accepts 32 characters and refuses 33", () => {
    expect(normaliseAlias("a".repeat(32))).toBe("a".repeat(32));
    expect(normaliseAlias("A".repeat(32))).toBe("a".repeat(32));
    expect(normaliseAlias("a".repeat(33))).toBeUndefined();
  });

  it("counts characters, not UTF-16 units", () => {
    // "𠀀" is one Han letter outside the BMP (two UTF-16 code units).
    expect(normaliseAlias("नमस्ते")).toBe("नमस्ते");
    expect(normaliseAlias("İstanbul")).toBe("i̇stanbul");
    expect(normaliseAlias("𠀀".repeat(32))).toBe("𠀀".repeat(32));
    expect(normaliseAlias("𠀀".repeat(33))).toBeUndefined();
    // Mathematical letters look like Latin ones and belong to no alphabet: refused.
    expect(normaliseAlias("𝒜lex")).toBeUndefined();
  });

  it.each([
    ["undefined", undefined],
    ["an empty string", ""],
    ["a space inside", "alex smith"],
    ["a leading space", " alex"],
    ["a trailing space", "alex "],
    ["a leading dot", ".alex"],
    ["a leading dash", "-alex"],
    ["a leading underscore", "_alex"],
    ["a NUL", "al\u0000ex"],
    ["a newline", "alex\n"],
    ["a tab", "al\tex"],
    ["a right-to-left mark inside", "al\u200Fex"],
    ["a right-to-left mark at the end", "alex\u200F"],
    ["a right-to-left mark at the start", "\u200Falex"],
    ["a zero-width space", "al\u200Bex"],
    ["an emoji", "alex👍"],
    ["a slash", "a/b"],
    ["an at sign", "alex@clinic"],
  ])("refuses %s", (_label, raw) => {
    expect(normaliseAlias(raw)).toBeUndefined();
  });
});

describe("aliases that look alike", () => {
  it.each([
    ["alex", "alex"],
    ["j.doe", "j.doe"],
    ["Анна", "анна"],
    ["田中さん", "田中さん"],
    ["client-7", "client-7"],
  ])("%s is an alias", (raw, alias) => {
    expect(normaliseAlias(raw)).toBe(alias);
  });

  it.each([
    ["a\u3164lex", "a Hangul filler inside"],
    ["al\u034Fex", "a combining grapheme joiner inside"],
    ["\u0430lex", "a Cyrillic а beside Latin letters"],
    ["alex\u200B", "a zero-width space"],
  ])("%s is refused (%s)", (raw) => {
    expect(normaliseAlias(raw)).toBeUndefined();
  });
});
