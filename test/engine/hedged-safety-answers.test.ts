import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { readSafetyAnswer } from "../../src/engine/risk/safety-answer.js";
import type { Delivery } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";
import { atPhqItemNine, atSafetyQuestion, phqGadPrompts } from "../helpers/measures.js";

/**
 * A no said with a hedge ("probably not", "i dont think so", "eher nein") is a no, as the lone no
 * would be; not knowing beside it ("idk, probably not", "no sé, creo que no") is unsure, and the
 * question is asked again. Regression: "idk, probably not" was read as a yes
 * by its "probably" and raised an urgent alert.
 */
const prompts = loadPrompts(PROMPTS_DIR);
const read = (language: string, text: string) => {
  const safety = prompts.languages.get(language)?.instruments.get("safety");
  return readSafetyAnswer(text, safety?.choices ?? [], safety?.riskItem?.above ?? 0);
};

describe("hedged answers to the safety question, with the shipped packs' words", () => {
  it.each([
    ["en", "probably not", "no"],
    ["en", "prob not", "no"],
    ["en", "prolly not lol", "no"],
    ["en", "i dont think so", "no"],
    ["en", "I don't think so", "no"],
    ["en", "not really i guess", "no"],
    ["en", "i guess not", "no"],
    ["de", "eher nein", "no"],
    ["de", "ich glaube nicht", "no"],
    ["de", "wahrscheinlich nicht", "no"],
    ["es", "creo que no", "no"],
    ["es", "no creo", "no"],
    ["es", "probablemente no", "no"],
    // Not knowing beside a hedged no: unsure, asked again.
    ["en", "idk, probably not", "unclear"],
    ["en", "dunno, i dont think so", "unclear"],
    ["de", "keine ahnung, eher nicht", "unclear"],
    ["de", "weiß nicht, glaube nicht", "unclear"],
    ["es", "no sé, creo que no", "unclear"],
    ["es", "no sé, no", "unclear"],
    // "maybe not" is neither a yes by its "maybe" nor a settled no: asked again.
    ["en", "maybe not", "unclear"],
    ["en", "Maybe not?", "unclear"],
    ["en", "idk maybe not", "unclear"],
    ["de", "vielleicht nicht", "unclear"],
    ["es", "quizás no", "unclear"],
    ["es", "tal vez no", "unclear"],
    ["en", "maybe not, but sometimes", "yes"],
    ["en", "maybe", "yes"],
    // A hedged no asked back or taken back is no no.
    ["en", "probably not?", "unclear"],
    ["en", "probably not but i think about it", "unclear"],
    // A yes stays a yes: alone, or beside a hedged no.
    ["en", "probably", "yes"],
    ["en", "idk probably", "yes"],
    ["en", "probably not, but sometimes", "yes"],
    ["en", "i guess", "yes"],
    ["de", "eher ja", "yes"],
    // Not knowing alone is unsure in every language, asked again (Spanish "no sé"
    // an urgent alert while "ni idea", "idk" and "keine ahnung" were asked again).
    ["es", "no sé", "unclear"],
    ["es", "no lo sé", "unclear"],
    ["es", "no estoy segura", "unclear"],
    ["es", "no sé, a veces", "yes"],
    ["es", "creo que sí", "yes"],
    // Hedged yeses as people type them, from Regression: read as the pack's "maybe" is.
    ["en", "could be", "yes"],
    ["en", "a lil", "yes"],
    ["de", "vllt", "yes"],
    ["de", "schon irgendwie", "yes"],
    ["de", "naja schon", "yes"],
    // A bare yes beside a no, neither taken back: no answer either way ("yeah nah" is Australian
    // and New Zealand English for no), asked again as "6 or 7" is.
    ["en", "yeah nah", "unclear"],
    ["en", "Yeah, nah.", "unclear"],
    ["en", "nah yeah", "yes"],
    ["en", "yes no", "unclear"],
    ["en", "yeah nah not really", "unclear"],
    ["de", "ja nein", "unclear"],
    ["de", "jo, nö", "unclear"],
    ["es", "sí no", "unclear"],
    ["es", "no, sí", "yes"],
    // A yes with more said beside the no stands: never asked again in place of an alert. So does
    // a yes after a no, which corrects it ("nah yeah" is Australian English for yes), and a "maybe
    // not" with more said ("maybe not actively" is passive ideation).
    ["en", "no, yes", "yes"],
    ["en", "no… yeah", "yes"],
    ["de", "nein, ja", "yes"],
    ["en", "maybe not actively", "yes"],
    ["en", "maybe not seriously", "yes"],
    ["en", "maybe not, but i do think about it", "yes"],
    ["en", "maybe no plan but i think about it", "yes"],
    ["en", "yes, no plan", "yes"],
    ["en", "yeah. no plan to do anything", "yes"],
    ["de", "ja, aber kein plan", "yes"],
    // Taken back, or a yes that says how often, is read as before.
    ["en", "no but sometimes", "yes"],
    ["en", "yeah nah but sometimes", "yes"],
    ["en", "no, sometimes", "yes"],
    ["en", "nah sometimes yeah", "yes"],
  ])("%s: %j → %s", (language, text, answer) => {
    expect(read(language, text)).toBe(answer);
  });
});

const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

let c: Conversation;
afterEach(() => c?.close());

describe("at the check-in's safety question", () => {
  async function atSafety(language = "en"): Promise<void> {
    c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], language);
  }

  it.each([
    ["en", "idk, probably not"],
    ["de", "keine ahnung, eher nicht"],
    ["es", "no sé, creo que no"],
  ])("%s: %j is asked again, with no alert and no answer kept", async (language, typed) => {
    await atSafety(language);
    const sent = await c.say("alex", typed);
    expect(texts(sent, "rivera")).toEqual([]);
    expect(sent.some((d) => d.message.urgent)).toBe(false);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")).toBeUndefined();
    expect(texts(sent, "alex")).toHaveLength(1);
  });

  it("'prob not' is a no: the comment question comes, with no alert", async () => {
    await atSafety();
    const sent = await c.say("alex", "prob not");
    expect(texts(sent, "rivera")).toEqual([]);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(0);
  });

  it("'not really i guess' is a no, and its words reach the therapist with the summary", async () => {
    // Regression: the summary said only "Safety question: no.", the hedge nowhere.
    await atSafety();
    await c.say("alex", "not really i guess");
    const sent = await c.say("alex", "skip");
    const summary = texts(sent, "rivera").join("\n");
    expect(summary).toContain("Safety question: no.");
    expect(summary).toContain("Comment: not really i guess");
    expect(sent.some((d) => d.message.urgent)).toBe(false);
  });

  it.each(["no", "nope", "nah im good"])("%j is a no with nothing kept beside it", async (typed) => {
    await atSafety();
    await c.say("alex", typed);
    const summary = texts(await c.say("alex", "skip"), "rivera").join("\n");
    expect(summary).toContain("Safety question: no.");
    expect(summary).toContain("Comment: none");
  });

  it.each(["yeah nah", "Yeah, nah."])(
    "%j is asked again, with no crisis message and no alert",
    async (typed) => {
      await atSafety();
      const sent = await c.say("alex", typed);
      expect(sent.some((d) => d.message.urgent)).toBe(false);
      expect(texts(sent, "rivera")).toEqual([]);
      expect((await c.answers("alex")).find((a) => a.instrument === "safety")).toBeUndefined();
      expect(texts(sent, "alex").join("\n")).toMatch(/9\/9\. In the past week/);
    },
  );

  it("'not sure', then silence: the summary and summary ALIAS say no clear answer, in the words", async () => {
    // Regression: "not sure" was asked again, and at expiry the therapist read only "not
    // answered", the words nowhere.
    await atSafety();
    const sent = await c.say("alex", "not sure");
    expect(texts(sent, "alex")[0]).toMatch(/^It's all right not to be sure/);
    expect(texts(sent, "rivera")).toEqual([]);
    const later = texts(await c.tick(8 * 24 * 3_600_000), "rivera").join("\n---\n");
    expect(later).toContain(
      'Safety question: no clear answer ("not sure"); the check-in closed at its expiry before a clear one.',
    );
    expect(later).toContain(
      'concern: no clear answer to the safety question (thoughts of harming themselves or ending their life): "not sure"; asked again.',
    );
    expect(later).not.toContain("Safety question: not answered");
    const [own] = await c.say("rivera", "summary alex");
    expect(own?.message.text).toContain('Safety question: no clear answer ("not sure") in the check-in of');
    // The chart's words said "No safety answer yes … no risk words" for the same check-in.
    const alt = own?.message.chart?.alt ?? "";
    expect(alt).toMatch(/Safety question left without a clear answer on \S.*, when the check-in closed\./);
    expect(alt).not.toContain("No safety answer yes");
  });

  it("the digest names an unclear answer left at the safety question, not as risk words", async () => {
    c = new Conversation({ digest: { day: "thu", time: "12:00" } });
    await c.enrol();
    await c.tick(60_000);
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 9, 9, 5, 5, 5, 5]) await c.say("alex", String(v));
    await c.say("alex", "rather not say");
    const digest =
      (await c.tick(7 * 24 * 3_600_000)).find((d) => d.message.text.startsWith("Weekly digest"))?.message
        .text ?? "";
    expect(digest).toMatch(
      /- alex: [^\n]*risk this week: no clear answer to a safety question on \w+ \d+, \d{4}/,
    );
    expect(digest).not.toContain("risk words");
  });

  it("a mixed yes and no beside risk words still alerts", async () => {
    await atSafety();
    const sent = await c.say("alex", "yeah nah, i want to kill myself");
    expect(texts(sent, "rivera")[0]).toMatch(/^URGENT/);
  });

  it("a hedged no beside risk words still alerts", async () => {
    await atSafety();
    const sent = await c.say("alex", "probably not, but i did think about killing myself");
    expect(texts(sent, "rivera")[0]).toMatch(/^URGENT/);
  });
});

describe("at the PHQ-9's ninth item", () => {
  const dir = phqGadPrompts();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function atItemNine(): Promise<void> {
    c = await atPhqItemNine(dir);
  }
  const ninth = async () => (await c.answers("alex")).find((a) => a.item === "item9")?.value;

  it("'idk, probably not' is asked again, with no alert", async () => {
    await atItemNine();
    const sent = await c.say("alex", "idk, probably not");
    expect(texts(sent, "rivera")).toEqual([]);
    expect(await ninth()).toBeUndefined();
  });

  it.each(["probably not", "i dont think so", "not really i guess"])(
    "%j is its first answer, with no alert",
    async (typed) => {
      await atItemNine();
      const sent = await c.say("alex", typed);
      expect(texts(sent, "rivera")).toEqual([]);
      expect(await ninth()).toBe(0);
    },
  );
});
