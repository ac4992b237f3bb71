import { describe, expect, it } from "vitest";
import { offerStands, replyToOffer } from "../../src/engine/break-offer-reply.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

/** The pure parts of a typed reply to a break offered: what counts as yes or no, and for how long. */
const catalog = loadPrompts(PROMPTS_DIR);
const words = (language: string) => {
  const pack = catalog.languages.get(language);
  if (!pack) throw new Error(language);
  return pack.messages.words;
};

describe("replyToOffer", () => {
  it.each([
    ["en", "yes please"],
    ["en", "yes pls"],
    ["en", "Yeah :)"],
    ["en", "ok do that"],
    ["en", "sure, thanks"],
    ["en", "go for it"],
    ["en", "pause pls"],
    ["de", "ja bitte"],
    ["de", "ja gerne"],
    ["de", "jo"],
    ["de", "mach das"],
    ["es", "sí porfa"],
    ["es", "vale"],
    ["es", "dale"],
    ["es", "sí, por favor"],
  ])("%s: '%s' is a yes", (language, text) => {
    expect(replyToOffer(text, words(language))).toBe("yes");
  });

  it.each([
    ["en", "no thanks"],
    ["en", "nah im good"],
    ["en", "no, not now"],
    ["de", "nein danke"],
    ["de", "lieber nicht"],
    ["es", "no gracias"],
    ["es", "mejor no"],
  ])("%s: '%s' is a no", (language, text) => {
    expect(replyToOffer(text, words(language))).toBe("no");
  });

  it.each([
    ["en", "yes?"],
    ["en", "thanks"],
    ["en", "dont pause"],
    ["en", "yes but what happens to my answers"],
    ["en", "work was rough"],
    ["de", "danke"],
    ["es", "¿sí?"],
  ])("%s: '%s' is neither, and is read as ever", (language, text) => {
    expect(replyToOffer(text, words(language))).toBeUndefined();
  });
});

describe("offerStands", () => {
  const at = "2026-12-04T10:00:00.000Z";
  it("stands for a day while it is the last thing queued for the client", () => {
    expect(offerStands({ at, until: null }, at, "2026-12-05T09:59:00.000Z")).toBe(true);
    expect(offerStands({ at, until: null }, undefined, "2026-12-04T10:05:00.000Z")).toBe(true);
  });
  it("not after a day, nor once anything else was queued for them", () => {
    expect(offerStands({ at, until: null }, at, "2026-12-05T10:01:00.000Z")).toBe(false);
    expect(offerStands({ at, until: null }, "2026-12-04T10:00:01.000Z", "2026-12-04T10:05:00.000Z")).toBe(
      false,
    );
  });
});
