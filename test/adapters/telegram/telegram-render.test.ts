import { describe, expect, it } from "vitest";
import {
  decodeCallbackData,
  encodeCallbackData,
  escapeHtml,
  keyboardFor,
  MAX_TEXT,
  parseSource,
  textParts,
} from "../../../adapters/telegram/telegram-render.js";
import type { Choice, OutboundMessage } from "../../../src/model.js";

/** What Telegram shows for HTML text without tags: the three entities rapport uses, decoded. */
function unescapeHtml(html: string): string {
  return html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const URGENT_PREFIX = "<b>⚠️</b> ";

function scale(from: number, to: number): Choice[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    label: String(from + i),
    value: String(from + i),
  }));
}

function question(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return { kind: "question", text: "How was your week?", ...overrides };
}

/** Every "&" in a part starts one of the entities escapeHtml writes. */
function entitiesIntact(part: string): boolean {
  return !/&(?!(?:amp|lt|gt);)/.test(part);
}

describe("escapeHtml", () => {
  it("escapes only &, < and >, so Telegram shows the text as typed", () => {
    expect(escapeHtml("<b>&*_")).toBe("&lt;b&gt;&amp;*_");
    expect(unescapeHtml(escapeHtml("<b>&*_"))).toBe("<b>&*_");
  });

  it("leaves Markdown-significant and other punctuation alone", () => {
    const text = "*bold* _it_ `code` [link](x) ~s~ \"quoted\" 'single' #tag 100% ok! ä ñ 😀";
    expect(escapeHtml(text)).toBe(text);
  });

  it("does not double-escape and leaves no tag characters behind", () => {
    const text = "already &amp; escaped <i>x</i> a>b<c & d";
    const html = escapeHtml(text);
    expect(html).not.toMatch(/[<>]/);
    expect(entitiesIntact(html)).toBe(true);
    expect(unescapeHtml(html)).toBe(text);
  });
});

describe("encodeCallbackData / decodeCallbackData", () => {
  const refs = ["checkin:123456:8", "risk:999999", "consent"];
  const values = ["10", "seen 999999", "skip", "yes"];

  for (const ref of refs) {
    for (const value of values) {
      it(`round-trips ${ref} + ${value} within Telegram's 64 bytes`, () => {
        const data = encodeCallbackData(ref, value);
        expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(64);
        expect(decodeCallbackData(data)).toEqual({ ref, value });
      });
    }
  }

  it("encodes a missing ref as empty and decodes it back to no ref", () => {
    const data = encodeCallbackData(undefined, "7");
    expect(data).toBe("|7");
    const decoded = decodeCallbackData(data);
    expect(decoded.value).toBe("7");
    expect(decoded.ref).toBeUndefined();
  });

  it("reads data without '|' (buttons from older versions) as a bare value", () => {
    const decoded = decodeCallbackData("7");
    expect(decoded).toEqual({ value: "7" });
    expect("ref" in decoded).toBe(false);
  });

  it("splits at the last '|', so a ref may contain one", () => {
    expect(decodeCallbackData("a|b|c")).toEqual({ ref: "a|b", value: "c" });
  });
});

describe("keyboardFor", () => {
  it("lays out 0 to 10 as a row of 6 and a row of 5", () => {
    const keyboard = keyboardFor(question({ ref: "checkin:12:3", choices: scale(0, 10) }));
    expect(keyboard?.inline_keyboard.map((row) => row.length)).toEqual([6, 5]);
    expect(keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual(scale(0, 10).map((c) => c.label));
  });

  it("puts the question's ref into every button's callback data", () => {
    const keyboard = keyboardFor(question({ ref: "checkin:12:3", choices: scale(0, 10) }));
    const buttons = keyboard?.inline_keyboard.flat() ?? [];
    expect(buttons).toHaveLength(11);
    for (const [i, button] of buttons.entries()) {
      expect(button).toEqual({ text: String(i), callback_data: `checkin:12:3|${i}` });
      expect(decodeCallbackData((button as { callback_data: string }).callback_data)).toEqual({
        ref: "checkin:12:3",
        value: String(i),
      });
    }
  });

  it("puts yes/no on one row", () => {
    const keyboard = keyboardFor(
      question({
        ref: "consent",
        choices: [
          { label: "Yes", value: "yes" },
          { label: "No", value: "no" },
        ],
      }),
    );
    expect(keyboard).toEqual({
      inline_keyboard: [
        [
          { text: "Yes", callback_data: "consent|yes" },
          { text: "No", callback_data: "consent|no" },
        ],
      ],
    });
  });

  it("puts exactly six choices on one row and seven on two", () => {
    expect(keyboardFor(question({ choices: scale(1, 6) }))?.inline_keyboard.map((r) => r.length)).toEqual([
      6,
    ]);
    expect(keyboardFor(question({ choices: scale(1, 7) }))?.inline_keyboard.map((r) => r.length)).toEqual([
      6, 1,
    ]);
  });

  it("gives long option labels a row each, so Telegram does not cut them, and keeps short pairs together", () => {
    const options = ["Not at all", "Several days", "More than half the days", "Nearly every day"];
    const keyboard = keyboardFor(
      question({ ref: "checkin:12:5", choices: options.map((label, i) => ({ label, value: String(i) })) }),
    );
    expect(keyboard?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual(options.map((o) => [o]));
    expect(keyboard?.inline_keyboard[2]?.[0]).toEqual({ text: options[2], callback_data: "checkin:12:5|2" });
    const forget = keyboardFor(
      question({
        choices: [
          { label: "Erase everything", value: "erase" },
          { label: "Keep my data", value: "keep" },
        ],
      }),
    );
    expect(forget?.inline_keyboard.map((row) => row.length)).toEqual([2]);
  });

  it("has no keyboard without choices", () => {
    expect(keyboardFor(question())).toBeUndefined();
    expect(keyboardFor(question({ choices: [] }))).toBeUndefined();
  });
});

describe("textParts", () => {
  it("sends a short text as one escaped part", () => {
    expect(textParts(question({ text: "Score < 5 & falling" }))).toEqual(["Score &lt; 5 &amp; falling"]);
  });

  it("marks an urgent message with a bold warning sign before the escaped text", () => {
    const parts = textParts({ kind: "urgent", urgent: true, text: "Please call 112 <now>" });
    expect(parts).toEqual([`${URGENT_PREFIX}Please call 112 &lt;now&gt;`]);
  });

  it("does not mark a message that is not urgent", () => {
    expect(textParts({ kind: "warning", text: "Heads up" })).toEqual(["Heads up"]);
  });

  it("keeps a text of exactly MAX_TEXT characters in one part", () => {
    expect(textParts(question({ text: "x".repeat(MAX_TEXT) }))).toHaveLength(1);
    expect(textParts(question({ text: "x".repeat(MAX_TEXT + 1) }))).toHaveLength(2);
  });

  it("splits a 10,000-character text at line breaks into parts Telegram accepts", () => {
    const lines: string[] = [];
    for (let i = 0; lines.join("\n").length < 10_000; i++) {
      lines.push(`Week ${String(i).padStart(3, "0")}: mood & sleep <better> than before; *ok*`);
    }
    const text = lines.join("\n").slice(0, 10_000);
    expect(text).toHaveLength(10_000);
    const parts = textParts(question({ text }));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      // Telegram's limit counts the text after entities are parsed.
      expect(unescapeHtml(part).length).toBeLessThanOrEqual(MAX_TEXT);
      expect(part.length).toBeGreaterThan(0);
      expect(entitiesIntact(part)).toBe(true);
    }
    // Joined with the line breaks they were split at, the parts are the original text again,
    // which also shows that every cut was at a line break.
    expect(parts.map(unescapeHtml).join("\n")).toBe(text);
    for (const part of parts.slice(0, -1)) expect(part.endsWith("*ok*")).toBe(true);
  });

  it("splits a 10,000-character text without line breaks into parts that join back to the text", () => {
    const text = "a & b < c > d; ".repeat(700).slice(0, 10_000);
    expect(text).toHaveLength(10_000);
    const parts = textParts(question({ text }));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      // Telegram's limit counts the text after entities are parsed.
      expect(unescapeHtml(part).length).toBeLessThanOrEqual(MAX_TEXT);
      expect(part.length).toBeGreaterThan(0);
    }
    // Nothing lost or added; whether each part holds whole entities is checked separately below.
    expect(unescapeHtml(parts.join(""))).toBe(text);
  });

  it("keeps an entity whole when its character falls at the cut", () => {
    // The plain text is split before escaping, so "<" is never divided.
    const parts = textParts(question({ text: `${"x".repeat(4086)}<y${"x".repeat(100)}` }));
    expect(parts).toHaveLength(2);
    expect(parts.every(entitiesIntact)).toBe(true);
    expect(parts.map(unescapeHtml).join("")).toBe(`${"x".repeat(4086)}<y${"x".repeat(100)}`);
  });

  it("never cuts an entity in half when its ';' falls exactly at the cut", () => {
    const parts = textParts(question({ text: `${"x".repeat(4084)}& more${"x".repeat(100)}` }));
    expect(parts).toHaveLength(2);
    expect(parts.every(entitiesIntact)).toBe(true);
  });

  it("never cuts an HTML entity in half in a 10,000-character text without line breaks", () => {
    const text = "a & b < c > d; ".repeat(700).slice(0, 10_000);
    for (const part of textParts(question({ text }))) expect(entitiesIntact(part)).toBe(true);
  });

  it("never cuts an entity in half, wherever it falls near the cut", () => {
    for (let offset = MAX_TEXT - 20; offset <= MAX_TEXT; offset++) {
      const text = `${"x".repeat(offset)}${"&".repeat(400)}${"y".repeat(6000)}`;
      const parts = textParts(question({ text }));
      for (const part of parts) {
        // Telegram's limit counts the text after entities are parsed.
        expect(unescapeHtml(part).length).toBeLessThanOrEqual(MAX_TEXT);
        expect(entitiesIntact(part), `offset ${offset}`).toBe(true);
      }
      expect(parts.map(unescapeHtml).join(""), `offset ${offset}`).toBe(text);
    }
  });

  it("keeps the urgent mark on the first part only when a long urgent text is split", () => {
    const text = "Please reach out now & talk to someone.\n".repeat(250);
    const parts = textParts({ kind: "urgent", urgent: true, text });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]?.startsWith(URGENT_PREFIX)).toBe(true);
    for (const part of parts.slice(1)) expect(part).not.toContain("⚠️");
    for (const part of parts) expect(unescapeHtml(part).length).toBeLessThanOrEqual(MAX_TEXT);
    const joined = parts.map(unescapeHtml).join("\n");
    expect(joined).toBe(unescapeHtml(URGENT_PREFIX) + text);
  });

  it("never produces an empty part (text of 4096 characters plus a final line break)", () => {
    const parts = textParts(question({ text: `${"x".repeat(MAX_TEXT)}\n` }));
    for (const part of parts) expect(part.trim()).not.toBe("");
  });

  it("never cuts a character outside the BMP (an emoji) in half", () => {
    const parts = textParts(question({ text: `a${"😀".repeat(3000)}` }));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]/);
    }
  });
});

describe("parseSource", () => {
  it("reads chatId:messageId", () => {
    expect(parseSource("42:7")).toEqual({ chatId: 42, messageId: 7 });
    expect(parseSource("381294756:219")).toEqual({ chatId: 381294756, messageId: 219 });
  });

  it("reads negative chat ids (groups and supergroups)", () => {
    expect(parseSource("-4093817265:88")).toEqual({ chatId: -4093817265, messageId: 88 });
    expect(parseSource("-1001234567890:15")).toEqual({ chatId: -1001234567890, messageId: 15 });
  });

  it("rejects anything else", () => {
    for (const source of [
      "",
      "42",
      "42:",
      ":7",
      "42:7:1",
      "42:-7",
      "a:7",
      "42:7 ",
      " 42:7",
      "42:undefined",
    ]) {
      expect(parseSource(source), source).toBeUndefined();
    }
  });
});
