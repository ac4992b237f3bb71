import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";
import { type FixturePrompts, fixturePrompts } from "../helpers/fixture-prompts.js";
import { addGermanPhq9, phqGadPrompts } from "../helpers/measures.js";

/**
 * `language ALIAS [CODE|auto]`, and the order a client's language is picked in: the one their
 * therapist set, then their platform's where there are prompts for it, then the clinic's.
 * The fixture prompts have English and a minimal French pack, marked "[fr]".
 */
let c: Conversation;
let prompts: FixturePrompts;
beforeEach(async () => {
  prompts = fixturePrompts();
  c = new Conversation({}, "console", [], prompts.dir);
  await c.enrol();
});
afterEach(() => {
  c.close();
  prompts.close();
});

async function reply(text: string): Promise<string> {
  const [first] = await c.say("rivera", text);
  return first?.message.text ?? "";
}

/** alex writes from an app set to this language. */
async function sayWithLocale(text: string, locale: string): Promise<Delivery[]> {
  const event = c.event("alex", { kind: "text", text });
  return (await c.send({ ...event, sender: { ...event.sender, locale } })).replies;
}

/** The intro of a check-in sent to alex now: "[fr] ..." in French, plain in English. */
async function introLanguage(): Promise<string> {
  const sent = await c.say("rivera", "checkin alex");
  const intro = sent.find((d) => d.externalId === "alex")?.message.text ?? "";
  // Ended at once, so the next check-in can be sent.
  await c.say("rivera", "discharge alex");
  return intro.startsWith("[fr] ") ? "fr" : "en";
}

describe("a client's language", () => {
  it("sets a language that has prompts; the check-in, its options and its typed words are then in it", async () => {
    // The fixture's French pack has the fixture instrument only: the clinic's default plan is asked in English.
    expect(await reply("language alex fr")).toBe(
      "alex now gets rapport's messages in French (fr). Alliance, progress, and the safety question have no French prompts here, so alex is asked them in English.",
    );
    expect(await reply("language alex")).toBe(
      "alex gets rapport's messages in French (fr), as you set it. language alex auto goes back to their app's language.",
    );
    expect(await reply("instruments alex fixture")).toBe(
      "alex's check-ins now ask: fixture, the safety question. The safety question has no French prompts here, so alex is asked it in English.",
    );
    const sent = await c.say("rivera", "checkin alex");
    expect(sent.find((d) => d.externalId === "alex")?.message.text).toMatch(/^\[fr\] Dr rivera asked/);
    const question = c.lastTo("alex").message;
    expect(question.text).toBe("Introduction fixture.\n\n1/3. Question fixture 1");
    expect(question.choices?.map((ch) => ch.label)).toEqual([
      "Jamais",
      "Plusieurs jours",
      "Plus de la moitié des jours",
      "Presque tous les jours",
    ]);
    // The language's own words, with or without the accent; English labels are not its words.
    await c.say("alex", "plus de la moitie des jours");
    const [reask] = await c.say("alex", "several days");
    expect(reask?.message.text).toMatch(/^Sorry, I didn't get that.+jamais \/ plusieurs jours/);
    await c.say("alex", "Pas du tout");
    const values = (await c.answers("alex")).filter((a) => a.instrument === "fixture").map((a) => a.value);
    expect(values).toEqual([2, 0]);
  });

  it("refuses a language without prompts, naming the languages there are", async () => {
    expect(await reply("language alex de")).toBe(
      'rapport has no messages in "de". Available: English (en), French (fr). Type the language\'s name or its code (the letters in brackets).',
    );
    expect((await c.client("alex"))?.language).toBeNull();
  });

  it("picks the language set, then the platform's where it has prompts, then the clinic's", async () => {
    expect(await reply("language alex")).toBe(
      "alex has no language set: rapport uses their app's language where it has messages in it, else the clinic's. Now: English (en).",
    );
    expect(await introLanguage()).toBe("en");
    // An app in a language without prompts keeps the clinic's.
    await sayWithLocale("hello", "pt-BR");
    expect(await introLanguage()).toBe("en");
    await sayWithLocale("hello", "fr-CA");
    expect(await introLanguage()).toBe("fr");
    expect(await reply("language alex en")).toBe("alex now gets rapport's messages in English (en).");
    expect(await introLanguage()).toBe("en");
    // The client's own replies follow it too, whatever their app says.
    const [help] = await sayWithLocale("help", "fr-CA");
    expect(help?.message.text).toMatch(/^I'm rapport\./);
    expect(await reply("language alex auto")).toBe(
      "alex's language is no longer set: rapport uses their app's language where it has messages in it, else the clinic's. Now: French (fr).",
    );
    expect(await introLanguage()).toBe("fr");
  });

  it("takes the client's control words in the language set for them", async () => {
    await c.say("rivera", "language alex fr");
    const [help] = await c.say("alex", "aide");
    expect(help?.message.text).toMatch(/^\[fr\] I'm rapport\./);
  });

  it("shows the language set in mydata, in the client's language", async () => {
    await c.say("rivera", "language alex FR");
    const [data] = await c.say("alex", "mydata");
    expect(data?.message.text).toContain("Language your therapist set for you: français (fr).");
  });
});

describe("a language set before the client joins", () => {
  it("is the language of the consent question (the shipped Spanish pack)", async () => {
    const spanish = new Conversation();
    try {
      await spanish.enrol();
      await spanish.say("rivera", "invite sam");
      const code = /start (\S+)/.exec(spanish.lastTo("rivera").message.text)?.[1];
      await spanish.say("rivera", "language sam es");
      const [consent] = (await spanish.say("sam", `start ${code}`)).filter((d) => d.externalId === "sam");
      expect(consent?.message.text).toContain("Hola");
      expect(consent?.message.choices?.map((ch) => ch.label)).toContain("Sí, acepto");
    } finally {
      spanish.close();
    }
  });
});

describe("a language without prompts for some of the client's instruments", () => {
  it("is set, and the therapist is told which instruments are asked in the fallback language", async () => {
    const dir = phqGadPrompts();
    addGermanPhq9(dir);
    const measures = new Conversation({}, "console", [], dir);
    const say = async (text: string) => (await measures.say("rivera", text))[0]?.message.text ?? "";
    try {
      await measures.enrol();
      // No language set: nothing to say about languages.
      expect(await say("instruments alex phq9,gad7")).not.toMatch(/prompts here/);
      expect(await say("language alex es")).toBe(
        "alex now gets rapport's messages in Spanish (es). PHQ-9 and GAD-7 have no Spanish prompts here, so alex is asked them in English.",
      );
      expect(await say("instruments alex gad7,progress")).toMatch(
        /^alex's check-ins now ask: gad7, progress.*\. GAD-7 has no Spanish prompts here, so alex is asked it in English\.$/,
      );
      expect(await say("instruments alex progress")).not.toMatch(/prompts here/);
      await say("instruments alex phq9,gad7");
      expect(await say("language alex de")).toBe(
        "alex now gets rapport's messages in German (de). GAD-7 has no German prompts here, so alex is asked it in English.",
      );
      expect(await say("language alex en")).toBe("alex now gets rapport's messages in English (en).");
    } finally {
      measures.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
