import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * Consent as clients typed it in a trial in the console: a plain agreement in words ("ok fine
 * yeah") is the yes the consent's own re-ask invites ("or type yes or no"); a question about who
 * sees the answers, led in by a word ("wait who sees this stuff"), gets that answer in short with
 * the buttons again, not "Please tap one of the two buttons".
 */
let c: Conversation;
let clients = 0;
beforeEach(async () => {
  c = new Conversation();
  clients = 0;
  const { code } = await c.engine.addTherapist("Dr Rivera");
  await c.say("rivera", `link ${code}`);
});
afterEach(() => c.close());

/** A new client in this language types `answer` to the consent question: the reply and what was stored. */
async function consentTo(language: string, answer: string): Promise<{ stored?: string; reply?: Delivery }> {
  clients += 1;
  const alias = `client${clients}`;
  const [invite] = await c.say("rivera", `invite ${alias}`);
  const code = /start (\S+)/.exec(invite?.message.text ?? "")?.[1] ?? "";
  if (language !== "en") await c.say("rivera", `language ${alias} ${language}`);
  await c.say(alias, `start ${code}`);
  const reply = (await c.say(alias, answer)).find((d) => d.externalId === alias);
  const [stored] = (await c.data(alias)).consents;
  return { stored: stored?.choice, reply };
}

describe("a plain agreement in words", () => {
  it.each([
    ["en", "ok"],
    ["en", "ok fine yeah"],
    ["en", "sure"],
    ["en", "fine."],
    ["de", "ja klar"],
    ["de", "na gut"],
    ["es", "vale, sí"],
  ])("%s: %j is the yes button", async (language, answer) => {
    expect((await consentTo(language, answer)).stored).toBe("given");
  });

  it.each([
    ["en", "fine but what is this"],
    ["en", "maybe"],
    ["en", "ok?"],
  ])("%s: %j is not: asked again, nothing stored", async (language, answer) => {
    expect((await consentTo(language, answer)).stored).toBeUndefined();
  });
});

describe("a question about who sees the answers, led in by a word", () => {
  it.each([
    ["en", "wait who sees this stuff", /^In short: .*Only Dr Rivera sees your answers/s],
    ["en", "ok so what happens to my answers", /^In short: /],
    ["de", "moment, wer sieht das alles", /^Kurz gesagt: .*Nur Dr Rivera sieht deine Antworten/s],
    ["es", "oye quién ve esto", /^En resumen: .*Solo Dr Rivera ve tus respuestas/s],
  ])("%s: %j gets who sees them, then the buttons again", async (language, question, answer) => {
    const { stored, reply } = await consentTo(language, question);
    expect(stored).toBeUndefined();
    expect(reply?.message.text).toMatch(answer);
    expect(reply?.message.choices).toHaveLength(2);
  });
});
