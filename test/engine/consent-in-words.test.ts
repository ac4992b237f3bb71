import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clinicForConsent, typedToConsent } from "../helpers/consent.js";
import type { Conversation } from "../helpers/conversation.js";

/**
 * Consent as clients typed it in Regression: a plain agreement in words ("ok fine
 * yeah") is the yes the consent's own re-ask invites ("or type yes or no"); a question about who
 * sees the answers, led in by a word ("wait who sees this stuff"), gets that answer in short with
 * the buttons again, not "Please tap one of the two buttons".
 */
let c: Conversation;
beforeEach(async () => {
  c = await clinicForConsent();
});
afterEach(() => c.close());

const consentTo = (language: string, answer: string) => typedToConsent(c, language, answer);

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
    ["es", "oye quién ve esto", /^En resumen: .*Solo tu terapeuta \(Dr Rivera\) ve tus respuestas/s],
  ])("%s: %j gets who sees them, then the buttons again", async (language, question, answer) => {
    const { stored, reply } = await consentTo(language, question);
    expect(stored).toBeUndefined();
    expect(reply?.message.text).toMatch(answer);
    expect(reply?.message.choices).toHaveLength(2);
  });
});
