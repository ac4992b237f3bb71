import { describe, expect, it } from "vitest";
import { hashCode, newCode, normaliseCode } from "../src/codes.js";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe("newCode", () => {
  it("gives three groups of four Crockford base32 characters", () => {
    for (let i = 0; i < 200; i++) {
      const code = newCode();
      expect(code).toMatch(FORMAT);
      for (const ch of code.replaceAll("-", "")) expect(CROCKFORD).toContain(ch);
    }
  });

  it("draws 12 symbols from an alphabet of 32, so 60 bits of entropy", () => {
    const asked: number[] = [];
    newCode((n) => {
      asked.push(n);
      return 0;
    });
    expect(asked).toEqual(Array(12).fill(32));
    expect(new Set(CROCKFORD).size).toBe(32);
    expect(Math.log2(32 ** asked.length)).toBe(60);
  });

  it("never uses I, L, O or U", () => {
    const all = Array.from({ length: 32 }, (_, i) => newCode(() => i).replaceAll("-", "")).join("");
    expect(new Set(all)).toEqual(new Set(CROCKFORD));
    expect(all).not.toMatch(/[ILOU]/);
  });

  it("is deterministic for a deterministic pick", () => {
    const counter = () => {
      let i = 0;
      return (n: number) => i++ % n;
    };
    expect(newCode(counter())).toBe("0123-4567-89AB");
    expect(newCode(counter())).toBe(newCode(counter()));
    expect(newCode(() => 0)).toBe("0000-0000-0000");
    expect(newCode(() => 31)).toBe("ZZZZ-ZZZZ-ZZZZ");
  });

  it("gives different codes from the default random source", () => {
    const codes = new Set(Array.from({ length: 100 }, () => newCode()));
    expect(codes.size).toBe(100);
  });
});

describe("normaliseCode", () => {
  it.each([
    ["ABCD-EFGH-JKMN", "ABCDEFGHJKMN"],
    ["abcd-efgh-jkmn", "ABCDEFGHJKMN"],
    ["ABCDEFGHJKMN", "ABCDEFGHJKMN"],
    ["ABCD EFGH JKMN", "ABCDEFGHJKMN"],
    ["  abcd efgh-jkmn  ", "ABCDEFGHJKMN"],
    ["AB-CD-EF-GH-JK-MN", "ABCDEFGHJKMN"],
    ["ABCD\tEFGH\nJKMN", "ABCDEFGHJKMN"],
    ["IIII-LLLL-iill", "111111111111"],
    ["OOOO-oooo-0000", "000000000000"],
    ["5O1I-L2Oo-ZZZZ", "50111200ZZZZ"],
  ])("reads %j as %j", (raw, code) => {
    expect(normaliseCode(raw)).toBe(code);
  });

  it.each([
    ["too short", "ABCD-EFGH-JKM"],
    ["too long", "ABCD-EFGH-JKMNP"],
    ["empty", ""],
    ["only dashes", "---"],
    ["with a U", "ABCD-EFGH-JKMU"],
    ["with a lowercase u", "abcd-efgh-jkmu"],
    ["with punctuation", "ABCD.EFGH.JKMN"],
    ["with an underscore", "ABCD_EFGH_JKM"],
    ["with a non-ASCII letter", "ÄBCD-EFGH-JKMN"],
  ])("refuses a code %s", (_label, raw) => {
    expect(normaliseCode(raw)).toBeUndefined();
  });

  it("round-trips every new code", () => {
    for (let i = 0; i < 50; i++) {
      const code = newCode();
      expect(normaliseCode(code)).toBe(code.replaceAll("-", ""));
      expect(normaliseCode(code.toLowerCase())).toBe(code.replaceAll("-", ""));
    }
  });
});

describe("hashCode", () => {
  it("is a stable sha-256 hex digest", () => {
    const hash = hashCode("ABCDEFGHJKMN");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCode("ABCDEFGHJKMN")).toBe(hash);
  });

  it("differs for different codes", () => {
    expect(hashCode("ABCDEFGHJKMN")).not.toBe(hashCode("ABCDEFGHJKMP"));
    expect(hashCode("000000000000")).not.toBe(hashCode("000000000001"));
  });

  it("does not store the code itself", () => {
    expect(hashCode("ABCDEFGHJKMN")).not.toContain("ABCDEFGHJKMN".toLowerCase());
  });

  it("is the same for any typing of the same code once normalised", () => {
    const a = normaliseCode("abcd-efgh-jkmn");
    const b = normaliseCode("ABCD EFGH JKMN");
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(hashCode(a ?? "")).toBe(hashCode(b ?? ""));
  });
});
