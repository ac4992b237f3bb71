import { afterEach, describe, expect, it } from "vitest";
import { languageAsked } from "../../src/engine/language-request.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Language requests from Regression: mid check-in "can we do this in spanish" and "hablas
 * español?" got the English privacy blurb, "prefiero español porfa" was kept as the comment, and
 * between check-ins "do you speak spanish" got the general reply. Now the language is offered with
 * a button where the clinic has its prompts, and said unavailable, kindly, where it has none.
 */
let c: Conversation;
afterEach(() => c?.close());

const toAlex = (ds: Delivery[]) => ds.filter((d) => d.externalId === "alex");
const toRivera = (ds: Delivery[]) => ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);
const OFFER = /^Puedo escribirte en español\..*\n\nI can write to you in Spanish\./s;

describe("languageAsked", () => {
  it.each([
    ["can we do this in spanish", "es"],
    ["hablas español?", "es"],
    ["prefiero español porfa", "es"],
    ["do you speak spanish", "es"],
    ["auf deutsch bitte", "de"],
    ["sprichst du englisch?", "en"],
    ["in english please", "en"],
    ["podemos hacerlo en inglés?", "en"],
    ["can you speak french?", "fr"],
    ["kannst du auch spanisch", "es"],
    // Regression: the first got the general reply and the crisis text.
    ["können wir das auf englisch machen?", "en"],
    ["könnten wir auf deutsch weitermachen", "de"],
    ["machen wir auf deutsch", "de"],
    ["lass uns auf spanisch schreiben", "es"],
    ["podemos hacerlo en inglés", "en"],
    ["lo podemos hacer en alemán?", "de"],
    ["hablemos en inglés", "en"],
    ["mejor en español", "es"],
    ["en español por favor", "es"],
    ["can we do this in german", "de"],
    ["lets do it in german", "de"],
    ["do you speak spanish", "es"],
  ])("%j asks for %s", (text, code) => {
    expect(languageAsked(text)).toBe(code);
  });

  it.each([
    "my mom only speaks spanish",
    "i had my spanish exam today",
    "we talked about my german grandma",
    "my english teacher is mean",
    "mein Englischkurs war schlimm",
    "können wir über meinen englischkurs reden",
    "wir machen in der schule englisch",
    "mi clase de inglés fue horrible",
  ])("%j asks for none", (text) => {
    expect(languageAsked(text)).toBeUndefined();
  });
});

describe("mid check-in", () => {
  async function atQuestionTwo(): Promise<void> {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "8");
  }

  it.each(["can we do this in spanish", "hablas español?", "prefiero español porfa"])(
    "%j gets the offer in Spanish and English, with a button; nothing is kept",
    async (typed) => {
      await atQuestionTwo();
      const [offer] = toAlex(await c.say("alex", typed));
      expect(offer?.message.text).toMatch(OFFER);
      // The question comes again below the offer, its buttons and the language's together.
      expect(offer?.message.text).toMatch(/2\/9\. We worked on/);
      expect(offer?.message.choices?.at(-1)).toEqual({ label: "Cambiar a español", value: "lang:es" });
      expect(offer?.message.choices).toHaveLength(12);
      expect((await c.answers("alex")).map((a) => a.value)).toEqual([8]);
      for (const v of ["7", "7", "7", "5", "5", "5", "5", "0"]) await c.say("alex", v);
      const summary = toRivera(await c.say("alex", "skip")).join("\n");
      expect(summary).not.toContain(typed);
    },
  );

  it("the button switches: told in Spanish, the therapist in one line, the question again in Spanish", async () => {
    await atQuestionTwo();
    await c.say("alex", "can we do this in spanish");
    const replies = await c.say("alex", "lang:es");
    const texts = toAlex(replies).map((d) => d.message.text);
    expect(texts[0]).toBe("Hecho: desde ahora te escribo en español.");
    expect(texts[1]).toMatch(/^2\/9\. Trabajamos y hablamos/);
    expect(toRivera(replies)).toEqual([
      "alex chose to get rapport's messages in Spanish (language alex es).",
    ]);
    // As `language alex es` sets it.
    expect(toRivera(await c.say("rivera", "language alex")).join("\n")).toMatch(
      /Spanish \(es\), as you set it/,
    );
    expect(toAlex(await c.say("alex", "7"))[0]?.message.text).toMatch(/^3\/9\. La forma/);
  });

  it("at the safety question, 'hablas español?' answers nothing: the question stays open", async () => {
    c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], "en");
    const [offer] = toAlex(await c.say("alex", "hablas español?"));
    expect(offer?.message.text).toMatch(OFFER);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")).toBeUndefined();
  });
});

describe("between check-ins", () => {
  it("'do you speak spanish' gets the offer", async () => {
    c = new Conversation();
    await c.enrol();
    const [offer] = toAlex(await c.say("alex", "do you speak spanish"));
    expect(offer?.message.text).toMatch(OFFER);
  });

  // Regression: "yes" typed after the offer got "There is no check-in open right now", still in English.
  it("a typed yes after the offer switches as the button does; a question at a score is asked in it", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "can we do this in spanish");
    await c.tick(60_000);
    const yes = await c.say("alex", "yes");
    expect(toAlex(yes)[0]?.message.text).toMatch(/español/);
    expect(toRivera(yes)).toEqual([expect.stringContaining("(language alex es)")]);
    expect((await c.client("alex"))?.language).toBe("es");
    // Mid check-in, at a score question, the same.
    c.close();
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "can we do this in spanish");
    await c.tick(60_000);
    const atScore = toAlex(await c.say("alex", "yes please")).map((d) => d.message.text);
    expect(atScore.at(-1)).toMatch(/Cuatro preguntas sobre tu última sesión\.\n\n1\/9\. /);
    expect((await c.client("alex"))?.language).toBe("es");
  });

  it("in German: 'können wir das auf englisch machen?' gets the offer, and a typed yes switches", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex de");
    const [offer] = toAlex(await c.say("alex", "können wir das auf englisch machen?"));
    expect(offer?.message.text).toMatch(/^I can write to you in English\./);
    expect(offer?.message.choices).toEqual([{ label: "Switch to English", value: "lang:en" }]);
    await c.tick(60_000);
    const yes = await c.say("alex", "yes");
    expect(toRivera(yes)).toEqual([expect.stringContaining("(language alex en)")]);
    expect((await c.client("alex"))?.language).toBe("en");
  });

  it("a language without prompts is said unavailable, kindly, naming those there are", async () => {
    c = new Conversation();
    await c.enrol();
    const [reply] = toAlex(await c.say("alex", "can we do this in french?"));
    expect(reply?.message.text).toMatch(
      /^I'm sorry, I can't write in French yet: I have my messages in .*English/,
    );
    expect(reply?.message.choices).toBeUndefined();
  });

  it("in German: 'sprichst du spanisch?' is offered in Spanish and in German", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex de");
    const [offer] = toAlex(await c.say("alex", "sprichst du spanisch?"));
    expect(offer?.message.text).toMatch(
      /^Puedo escribirte en español\..*\n\nIch kann dir auf Spanisch schreiben\./s,
    );
  });
});
