import { describe, expect, it } from "vitest";
import { eventLines } from "../../src/engine/risk/text.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import type { RiskEvent } from "../../src/store/types.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

/**
 * What each line of an alert's events tells the therapist beyond the words: whether risk words
 * matched in them, and which. In every shipped language.
 */
const catalog = loadPrompts(PROMPTS_DIR);
const event = (id: number, extra: Partial<RiskEvent>): RiskEvent => ({
  id,
  clientId: 1,
  alertId: 1,
  checkinId: null,
  tier: "disclosure",
  source: "free_text",
  words: ["kill myself"],
  text: "i want to kill myself",
  language: "en",
  safetyAnswer: null,
  at: new Date(Date.UTC(2026, 11, 1, 10, id)).toISOString(),
  toldAt: null,
  ...extra,
});
const lines = (language: string, events: RiskEvent[]) =>
  eventLines(wordingFor(catalog, language), events, "UTC")
    .split("\n")
    .map((l) => l.replace(/^- .*? UTC, /u, ""));

describe("the lines of an alert's events", () => {
  it.each([
    ["en", 'also wrote (no risk words): "he keeps taking my stuff"'],
    ["de", 'schrieb außerdem (ohne Risikoworte): "he keeps taking my stuff"'],
    ["es", "escribió además (sin palabras de riesgo): «he keeps taking my stuff»"],
  ])("%s: what the client wrote besides says it holds no risk words", (language, expected) => {
    const events = [event(1, {}), event(2, { tier: "message", words: [], text: "he keeps taking my stuff" })];
    expect(lines(language, events)[1]).toBe(expected);
  });
});

describe("a concern answered yes, shown as one line", () => {
  const concern = {
    tier: "concern" as const,
    words: ["hopeless"],
    text: "i feel hopeless",
    safetyAnswer: "yes" as const,
  };
  const yes = { source: "safety_question" as const, words: ["hopeless"], text: "i feel hopeless" };
  it.each([
    ["en", '(matched: "hopeless").'],
    ["de", '(erkannt: "hopeless").'],
    ["es", '(coincide con: "hopeless").'],
  ])("%s: the yes carries the words that matched in the concern", (language, expected) => {
    const [line, ...rest] = lines(language, [event(1, concern), event(2, yes)]);
    expect(rest).toEqual([]);
    expect(line).toMatch(/hopeless/u);
    expect(line?.endsWith(` ${expected}`)).toBe(true);
    const [typed] = lines(language, [event(1, concern), event(2, { ...yes, answerWords: "yeah sometimes" })]);
    expect(typed).toContain("yeah sometimes");
    expect(typed?.endsWith(` ${expected}`)).toBe(true);
  });

  it("a yes with no words that matched (a corrected answer) says no matched words", () => {
    const [line] = lines("en", [
      event(1, { source: "safety_question", words: [], text: "oops i meant yes" }),
    ]);
    expect(line).toBe(
      'disclosure: they answered yes to the safety question (thoughts of harming themselves or ending their life) after writing "oops i meant yes".',
    );
  });
});
