import { describe, expect, it } from "vitest";
import { eventLines, shownWhenCut } from "../../src/engine/risk/text.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import type { RiskEvent, RiskTier } from "../../src/store/types.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

/**
 * A long run of risk events is cut to fit a phone. The cut must never hide what matters: a client
 * who writes on and on under an open alert fills the run with "also wrote" lines, and a later
 * disclosure or yes to the safety question has to stay on the screen.
 */
const w = wordingFor(loadPrompts(PROMPTS_DIR), "en");
let next = 1;
const event = (tier: RiskTier, text: string, extra: Partial<RiskEvent> = {}): RiskEvent => {
  const id = next++;
  return {
    id,
    clientId: 1,
    alertId: 1,
    checkinId: null,
    tier,
    source: "free_text",
    words: tier === "message" ? [] : ["kill myself"],
    text,
    language: "en",
    safetyAnswer: null,
    at: new Date(Date.UTC(2026, 11, 1, 10, id)).toISOString(),
    toldAt: null,
    ...extra,
  };
};

describe("the risk lines of a long run", () => {
  it("keeps a later yes to the safety question when messages under the alert follow it", () => {
    const events = [
      event("disclosure", "i want to kill myself"),
      event("message", "sorry"),
      event("message", "i'm ok now"),
      event("disclosure", "", { source: "safety_question", words: [] }),
      event("message", "please don't call anyone"),
      event("message", "i mean it"),
      event("message", "ok"),
    ];
    const text = eventLines(w, events, "UTC", 4, "alex");
    expect(text).toContain("yes to the safety question");
    expect(text.split("\n")).toHaveLength(4);
    expect(text).toContain('"i want to kill myself"');
    expect(text).toContain("… 4 more (summary alex --all shows them all)");
    // The yes, then the latest message: in the order they happened.
    expect(text.indexOf("safety question")).toBeLessThan(text.indexOf('"ok"'));
  });

  it("keeps a disclosure written among many messages in an alert's update", () => {
    const events = [event("message", "hello?")];
    for (let i = 0; i < 20; i++) events.push(event("message", `message ${i}`));
    events.push(event("disclosure", "i took all my pills"));
    for (let i = 20; i < 38; i++) events.push(event("message", `message ${i}`));
    const text = eventLines(w, events, "UTC", 6, "alex");
    expect(text).toContain("i took all my pills");
    expect(text.split("\n")).toHaveLength(6);
    expect(text).toContain("message 37");
    expect(text).not.toContain("message 33");
  });

  it("keeps a yes to the safety question when later concerns would fill the room", () => {
    const events = [
      event("concern", "i cant do this anymore", { safetyAnswer: "no" }),
      event("disclosure", "", { source: "safety_question", words: [] }),
      event("message", "ok"),
      event("concern", "nothing matters anymore", { safetyAnswer: "no" }),
      event("concern", "whats the point", { safetyAnswer: "none" }),
      event("concern", "i feel like a burden", { safetyAnswer: "no" }),
    ];
    const shown = shownWhenCut(events, 4).map((e) => e.text);
    expect(shown).toEqual(["i cant do this anymore", "", "i feel like a burden"]);
    expect(eventLines(w, events, "UTC", 4, "alex")).toContain("yes to the safety question");
  });

  it("with nothing but messages, is the first and the latest, as before", () => {
    const events = Array.from({ length: 10 }, (_, i) => event("message", `m${i}`));
    expect(shownWhenCut(events, 4).map((e) => e.text)).toEqual(["m0", "m8", "m9"]);
    expect(eventLines(w, events, "UTC", 20)).not.toContain("more");
  });
});
