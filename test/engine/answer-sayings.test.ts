import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Sayings that begin with a question's first word but answer: "kann sein" (maybe), "puede que no"
 * (maybe not), "who knows", "wer weiß", "quién sabe" (not knowing), "could be better". Regression: each,
 * typed at the safety question, got who sees the answers instead, and the check-in's
 * summary then read "Safety question: not answered": the client's doubt never reached the therapist.
 */
const HOUR = 3_600_000;
let c: Conversation;
afterEach(() => c?.close());

const to = (sent: Delivery[], who: string) =>
  sent.filter((d) => d.externalId === who).map((d) => d.message.text);

describe("sayings at the safety question", () => {
  it.each([
    ["de", "kann sein"],
    ["de", "kann schon sein"],
    ["en", "perhaps"],
    ["en", "possibly"],
  ])("%s: %j is a yes, as the pack's maybe is: crisis message and urgent alert", async (language, typed) => {
    c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], language);
    const sent = await c.say("alex", typed);
    expect(to(sent, "rivera")[0]).toMatch(/^URGENT/);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
  });

  it.each([
    ["es", "puede que no"],
    ["es", "quién sabe"],
    ["de", "wer weiß"],
    ["en", "who knows"],
    ["en", "possibly not"],
  ])(
    "%s: %j is asked again, and left so, the therapist reads it as no clear answer",
    async (language, typed) => {
      c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], language);
      const sent = await c.say("alex", typed);
      expect(sent.some((d) => d.message.urgent)).toBe(false);
      const [reply] = to(sent, "alex");
      expect(reply).not.toMatch(/^(In short|Kurz gesagt|En resumen)/);
      const closed = await c.tick(8 * 24 * HOUR);
      const summary = to(closed, "rivera").find((t) => /check-in 1/.test(t));
      expect(summary).toContain(`Safety question: no clear answer ("${typed}")`);
    },
  );
});

describe("a saying at a check-in's question", () => {
  it("'could be better' is told what an answer looks like, not who sees the answers", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [reply] = to(await c.say("alex", "could be better"), "alex");
    expect(reply).not.toMatch(/^In short/);
    expect(reply).toMatch(/1\/9\. In the last session/);
  });
});
