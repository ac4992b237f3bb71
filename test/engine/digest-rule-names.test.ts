import { afterEach, describe, expect, it } from "vitest";
import { ruleText } from "../../src/engine/checkin/warning-text.js";
import { warningsLine } from "../../src/engine/views/pre-session-notes.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";

/**
 * The weekly digest names a client's new warnings inside its line ("new warnings: no change yet"):
 * in the words of a sentence, not as headings ("No change yet") mid-line. German nouns keep their
 * capitals ("neue Hinweise: noch keine Veränderung"; "Verschlechterung").
 */
let c: Conversation | undefined;
afterEach(() => {
  c?.close();
  c = undefined;
});

const HOUR = 3_600_000;

/** Four flat progress check-ins in a week (no change yet at the fourth), then the digest. */
async function digestAfterFlatWeek(language: string): Promise<string> {
  const conversation = new Conversation({ clinic: { language }, digest: { day: "mon", time: "08:00" } });
  c = conversation;
  conversation.clock.set(new Date("2026-11-02T09:00:00Z"));
  await conversation.enrol();
  await conversation.tick(60_000);
  for (let i = 0; i < 4; i++) {
    await conversation.say("rivera", "checkin alex");
    await conversation.answerAll("alex", [10, 10, 10, 10, 5, 5, 5, 5, 0]);
    await conversation.tick(24 * HOUR);
  }
  const digest = (await conversation.tickTo("2026-11-09T08:00:00Z")).find((d) => d.externalId === "rivera");
  return digest?.message.text.split("\n").find((l) => l.startsWith("- alex:")) ?? "";
}

describe("rule names in the digest's line of a client", () => {
  it.each([
    ["en", "new warnings: no change yet"],
    ["de", "neue Hinweise: noch keine Veränderung"],
    ["es", "avisos nuevos: sin cambio todavía"],
  ])("%s: %j", async (language, expected) => {
    expect(await digestAfterFlatWeek(language)).toContain(expected);
  });
});

describe("each rule's name inside a line", () => {
  const prompts = loadPrompts(PROMPTS_DIR);
  const named = (language: string) => {
    const w = wordingFor(prompts, language);
    const rules = ["alliance", "deteriorating", "no_change_yet", "change_of_plan", "not_on_track"];
    return [
      ...rules.map((rule) => ruleText(w, rule, "in_line")),
      ruleText(w, "deteriorating:gad7", "in_line"),
    ];
  };

  it("starts in lower case in English and Spanish", () => {
    expect(named("en")).toEqual([
      // Neutral: with no total at hand, nothing says whether a concern or a drop applies.
      "alliance warning",
      "deteriorating",
      "no change yet",
      "consider a change of plan",
      "not on track",
      "deteriorating (gad7)",
    ]);
    for (const name of named("es")) expect(name, name).toMatch(/^\p{Ll}/u);
  });

  it("keeps the capitals of German nouns, and only theirs", () => {
    expect(named("de")).toEqual([
      "Hinweis zur Arbeitsbeziehung",
      "Verschlechterung",
      "noch keine Veränderung",
      "Planänderung erwägen",
      "nicht auf Kurs",
      "Verschlechterung (gad7)",
    ]);
  });
});

describe("the warnings in force of `summary ALIAS`", () => {
  const prompts = loadPrompts(PROMPTS_DIR);
  const state = (sinceSeq: number) => ({ active: true, warnedValue: null, warnedSeq: sinceSeq, sinceSeq });

  it("names each rule as inside a line, one from the next by semicolons", () => {
    const states = new Map([
      ["deteriorating:gad7", state(2)],
      ["alliance", state(4)],
      ["no_change_yet", { ...state(1), active: false }],
    ]);
    const concern = { total: 35, concernBelow: 36 };
    expect(warningsLine(wordingFor(prompts, "en"), states, concern)).toBe(
      "Warnings in force: deteriorating (gad7) since check-in 2; alliance concern since check-in 4.",
    );
    expect(warningsLine(wordingFor(prompts, "de"), states, concern)).toBe(
      "Geltende Hinweise: Verschlechterung (gad7) seit Check-in 2; Arbeitsbeziehung unter der Schwelle seit Check-in 4.",
    );
  });

  it("names the alliance rule by what applies: at or above the concern line it is a drop", () => {
    const states = new Map([["alliance", state(2)]]);
    const en = wordingFor(prompts, "en");
    expect(warningsLine(en, states, { total: 36, concernBelow: 36 })).toBe(
      "Warnings in force: alliance drop since check-in 2.",
    );
    expect(warningsLine(en, states, { total: 35.9, concernBelow: 36 })).toBe(
      "Warnings in force: alliance concern since check-in 2.",
    );
    expect(warningsLine(wordingFor(prompts, "es"), states, { total: 36, concernBelow: 36 })).toContain(
      "bajada de la alianza",
    );
  });
});
