import type { ActionsBlock, Button, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import {
  BUTTON_MAX,
  decodeValue,
  encodeValue,
  escapeSlack,
  parseSource,
  renderBlocks,
  SECTION_MAX,
} from "../../../adapters/slack/slack-render.js";
import type { OutboundMessage } from "../../../src/model.js";

function message(fields: Partial<OutboundMessage> = {}): OutboundMessage {
  return { kind: "info", text: "Thanks, see you next week.", ...fields };
}

function sections(blocks: KnownBlock[]): SectionBlock[] {
  return blocks.filter((b): b is SectionBlock => b.type === "section");
}

function actionBlocks(blocks: KnownBlock[]): ActionsBlock[] {
  return blocks.filter((b): b is ActionsBlock => b.type === "actions");
}

function buttons(blocks: KnownBlock[]): Button[] {
  return actionBlocks(blocks).flatMap((b) => b.elements.filter((e): e is Button => e.type === "button"));
}

function sectionTexts(blocks: KnownBlock[]): string[] {
  return sections(blocks).map((s) => s.text?.text ?? "");
}

const SCALE = Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: String(i) }));

describe("encodeValue / decodeValue", () => {
  it("round-trips a ref and a value", () => {
    expect(encodeValue("checkin:12:3", "7")).toBe("checkin:12:3|7");
    expect(decodeValue(encodeValue("checkin:12:3", "7"))).toEqual({ ref: "checkin:12:3", value: "7" });
  });

  it("round-trips the values the engine uses", () => {
    const cases: [string | undefined, string][] = [
      ["consent", "yes"],
      ["consent", "no"],
      ["checkin:4:comment", "skip"],
      ["risk:12", "seen 12"],
      [undefined, "0"],
    ];
    for (const [ref, value] of cases) {
      expect(decodeValue(encodeValue(ref, value)), `${ref}|${value}`).toEqual({ ref, value });
    }
  });

  it("keeps a ref that contains the separator (the last bar separates)", () => {
    expect(decodeValue(encodeValue("a|b", "3"))).toEqual({ ref: "a|b", value: "3" });
  });

  it("writes no ref as an empty one, and reads it back as undefined", () => {
    expect(encodeValue(undefined, "yes")).toBe("|yes");
    expect(decodeValue("|yes")).toEqual({ ref: undefined, value: "yes" });
  });

  it("reads a value without a separator as a bare value", () => {
    expect(decodeValue("7")).toEqual({ value: "7" });
    expect(decodeValue("7").ref).toBeUndefined();
  });
});

describe("escapeSlack", () => {
  it("escapes Slack's three control characters, & first", () => {
    expect(escapeSlack("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(escapeSlack("<@U123> &lt;")).toBe("&lt;@U123&gt; &amp;lt;");
  });

  it("leaves formatting characters and everything else as typed", () => {
    const typed = "*bold* _x_ ~strike~ `code` :smile: 😊 \"quotes\" 'apostrophe'\nnew line";
    expect(escapeSlack(typed)).toBe(typed);
  });
});

describe("renderBlocks", () => {
  it("renders the text as a plain_text section, so '*bold*' and '_x_' stay literal", () => {
    const { text, blocks } = renderBlocks(message({ text: "This is *bold* and _x_." }));
    expect(blocks).toEqual([
      { type: "section", text: { type: "plain_text", text: "This is *bold* and _x_.", emoji: true } },
    ]);
    expect(text).toBe("This is *bold* and _x_.");
  });

  it("adds no actions block without choices", () => {
    expect(actionBlocks(renderBlocks(message()).blocks)).toEqual([]);
    expect(actionBlocks(renderBlocks(message({ choices: [] })).blocks)).toEqual([]);
  });

  it("splits a 7,000-character text into sections of at most 3000 characters that join back", () => {
    const long = "abcdefghij".repeat(700);
    expect(long).toHaveLength(7000);
    const { blocks } = renderBlocks(message({ text: long }));
    const parts = sectionTexts(blocks);
    expect(SECTION_MAX).toBe(3000);
    expect(parts.length).toBe(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(3000);
    expect(parts.join("")).toBe(long);
  });

  it("splits at a line break when there is one in the second half of a section", () => {
    const paragraph = `${"x".repeat(1999)}\n`;
    const long = paragraph.repeat(3) + "y".repeat(500);
    const parts = sectionTexts(renderBlocks(message({ text: long })).blocks);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(3000);
      expect(part.startsWith("\n")).toBe(false);
    }
    expect(parts[0]).toBe("x".repeat(1999));
    // Every cut was at a line break, which the split drops: joined with one, the text is back.
    expect(parts.join("\n")).toBe(long);
  });

  it("keeps a text of exactly 3000 characters in one section", () => {
    const exact = "z".repeat(3000);
    expect(sectionTexts(renderBlocks(message({ text: exact })).blocks)).toEqual([exact]);
  });

  it("does not cut an emoji in half at a section boundary", () => {
    const text = `${"a".repeat(2999)}😊b`;
    const parts = sectionTexts(renderBlocks(message({ text })).blocks);
    for (const part of parts) expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(parts.join("")).toBe(text);
  });

  it("renders an empty text as one non-empty section", () => {
    const { blocks } = renderBlocks(message({ text: "" }));
    expect(sectionTexts(blocks)).toEqual([" "]);
  });

  it("renders the choices as one actions block with one button per choice", () => {
    const { blocks } = renderBlocks(
      message({ kind: "question", text: "How was your mood?", choices: SCALE, ref: "checkin:12:3" }),
    );
    expect(blocks).toHaveLength(2);
    const actions = actionBlocks(blocks);
    expect(actions).toHaveLength(1);
    expect(actions[0]?.block_id).toBe("rapport_choices");
    const all = buttons(blocks);
    expect(all).toHaveLength(11);
    expect(new Set(all.map((b) => b.action_id)).size).toBe(11);
    expect(all[7]).toEqual({
      type: "button",
      action_id: "rapport_choice_7",
      text: { type: "plain_text", text: "7", emoji: true },
      value: "checkin:12:3|7",
    });
    for (const [i, button] of all.entries()) {
      expect(button.text.text).toBe(SCALE[i]?.label);
      expect(decodeValue(button.value ?? "")).toEqual({ ref: "checkin:12:3", value: SCALE[i]?.value });
      expect(button.style).toBeUndefined();
    }
  });

  it("keeps option labels whole, and cuts only a label over Slack's 75 characters, keeping its value", () => {
    const long = `${"Much more than half of all the days ".repeat(3)}end`;
    const { blocks } = renderBlocks(
      message({
        kind: "question",
        text: "Fixture item 1",
        ref: "checkin:12:5",
        choices: [
          { label: "More than half the days", value: "2" },
          { label: long, value: "3" },
        ],
      }),
    );
    const [whole, cut] = buttons(blocks);
    expect(whole?.text.text).toBe("More than half the days");
    expect([...(cut?.text.text ?? "")]).toHaveLength(BUTTON_MAX);
    expect(cut?.text.text).toBe(`${long.slice(0, BUTTON_MAX - 1)}…`);
    expect(decodeValue(cut?.value ?? "")).toEqual({ ref: "checkin:12:5", value: "3" });
  });

  it("puts the actions block after the text sections", () => {
    const { blocks } = renderBlocks(
      message({ text: "q".repeat(4000), choices: [{ label: "Skip", value: "skip" }], ref: "c" }),
    );
    expect(blocks.map((b) => b.type)).toEqual(["section", "section", "actions"]);
  });

  it("writes a button without a ref as '|value'", () => {
    const { blocks } = renderBlocks(message({ choices: [{ label: "Yes", value: "yes" }] }));
    expect(buttons(blocks)[0]?.value).toBe("|yes");
  });

  it("marks an urgent message with '⚠️ ' and danger buttons", () => {
    const { text, blocks } = renderBlocks(
      message({
        kind: "urgent",
        urgent: true,
        text: "Client 12 answered item 9 with 3.",
        choices: [{ label: "Seen", value: "seen 12" }],
        ref: "risk:12",
      }),
    );
    expect(sectionTexts(blocks)).toEqual(["⚠️ Client 12 answered item 9 with 3."]);
    expect(text).toBe("⚠️ Client 12 answered item 9 with 3.");
    const [button] = buttons(blocks);
    expect(button?.style).toBe("danger");
    expect(button?.value).toBe("risk:12|seen 12");
  });

  it("escapes the top-level (notification) text but not the plain_text sections", () => {
    const { text, blocks } = renderBlocks(message({ text: "Tom & Jerry <3 > *you*" }));
    expect(text).toBe("Tom &amp; Jerry &lt;3 &gt; *you*");
    expect(sectionTexts(blocks)).toEqual(["Tom & Jerry <3 > *you*"]);
  });

  it("keeps the top-level text to the first 3000 characters", () => {
    const { text } = renderBlocks(message({ text: "n".repeat(7000) }));
    expect(text).toBe("n".repeat(3000));
  });
});

describe("parseSource", () => {
  it("reads 'channel:ts'", () => {
    expect(parseSource("D06R3A7P2WX:1718112650.331029")).toEqual({
      channel: "D06R3A7P2WX",
      ts: "1718112650.331029",
    });
    expect(parseSource("D123:1700000000.000100")).toEqual({ channel: "D123", ts: "1700000000.000100" });
  });

  it("rejects what is not a Slack source", () => {
    for (const bad of [
      "",
      "D123",
      "D123:",
      ":1700000000.000100",
      "D123:1700000000",
      "d123:1.2",
      "12345:x.y",
    ]) {
      expect(parseSource(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});
