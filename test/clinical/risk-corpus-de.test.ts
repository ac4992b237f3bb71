import { describe, expect, it } from "vitest";
import { type RiskScreen, riskScreen } from "../../src/clinical/risk-screen.js";
import { harmlessMessages, measureCorpus, riskMessages, shippedLists } from "./corpus.js";

/**
 * The shipped German lists against a corpus of messages as German-speaking clients write them
 * (test/fixtures/risk-corpus/de-*.tsv): lower case, umlauts typed as ae/oe/ue or left out,
 * dialect ("i kann nimmer"), chat slang and masked letters; and harmless messages full of risky
 * words (idioms such as "ich lach mich tot", "das bringt mich um", breakups, everyday German).
 * The same targets as the English corpus (risk-corpus.test.ts): recall counts either tier, a false
 * alarm is any tier.
 *
 * Unlike the English corpus, this one was written by the same hand as the lists, and the lists
 * were corrected against it. Three batches were written after the lists and measured before any
 * correction: 27 of 42, 22 of 42 and 18 of 28 risk messages were flagged (about 60 %), and 1 of
 * 30, 3 of 30 and 1 of 20 harmless ones. Expect figures like those on new text, not the ones
 * this test checks; have a German-speaking clinician review the lists before relying on them.
 */
const german = shippedLists("de");
const english = shippedLists("en");
const risky = riskMessages;
const harmless = harmlessMessages;

const measure = (screen: RiskScreen, riskFile: string, harmlessFile: string) =>
  measureCorpus(screen, risky(riskFile), harmless(harmlessFile));

describe("the German risk corpus", () => {
  it("has both tiers and the categories of the English corpus", () => {
    const risk = risky("de-risk.tsv");
    expect(risk.length).toBeGreaterThanOrEqual(150);
    expect(harmless("de-harmless.tsv").length).toBeGreaterThanOrEqual(80);
    expect(new Set(risk.map((r) => r.tier))).toEqual(new Set(["disclosure", "concern"]));
    const englishCategories = new Set(risky("en-risk.tsv").map((r) => r.category));
    expect(new Set(risk.map((r) => r.category))).toEqual(englishCategories);
  });

  it("is flagged at least 98 % by the German lists alone, with at most 5 % false alarms", () => {
    const { recall, falseAlarms, report } = measure(riskScreen([german]), "de-risk.tsv", "de-harmless.tsv");
    console.info(`German lists, German corpus: ${report}`);
    expect(recall, report).toBeGreaterThanOrEqual(0.98);
    expect(falseAlarms, report).toBeLessThanOrEqual(0.05);
  });

  it("meets the same targets with every shipped language screening it, as rapport runs", () => {
    const { recall, falseAlarms, report } = measure(
      riskScreen([english, german]),
      "de-risk.tsv",
      "de-harmless.tsv",
    );
    expect(recall, report).toBeGreaterThanOrEqual(0.98);
    expect(falseAlarms, report).toBeLessThanOrEqual(0.05);
  });

  it("adds no false alarm and loses no recall on the English corpus", () => {
    const alone = measure(riskScreen([english]), "en-risk.tsv", "en-harmless.tsv");
    const withGerman = measure(riskScreen([english, german]), "en-risk.tsv", "en-harmless.tsv");
    expect(withGerman.falseAlarms, withGerman.report).toBe(alone.falseAlarms);
    expect(withGerman.recall, withGerman.report).toBeGreaterThanOrEqual(alone.recall);
  });

  it("puts no attempt or self-harm in the concern tier only", () => {
    const screen = riskScreen([german]);
    const serious = risky("de-risk.tsv").filter((r) => ["attempt", "self-harm"].includes(r.category));
    const soft = serious.filter((r) => screen.screen(r.text)?.tier === "concern");
    expect(soft.map((r) => r.text)).toEqual([]);
  });
});

describe("the shipped German lists", () => {
  const screen = riskScreen([english, german]);
  const tierOf = (text: string) => screen.screen(text)?.tier;

  it.each([
    "ich will mich umbringen",
    "ich bring mich um",
    "dann bring ich mich halt um",
    "ich denk an suizid",
    "SELBSTMORDGEDANKEN",
    "ich will sterben",
    "ich will nicht mehr leben",
    "ich tu mir was an",
    "hab mich wieder geritzt",
    "der drang mich zu ritzen",
    "ich will mit dem leben schluss machen",
    "ich moechte nicht mehr leben",
    "ich wuerde mich am liebsten umbringen",
    "selbstm*rd",
    "su1z1d",
  ])("disclosure: %s", (text) => {
    expect(tierOf(text)).toBe("disclosure");
  });

  it.each([
    "ich will einfach nicht mehr aufwachen",
    "ich kann nicht mehr",
    "kann ich echt nicht mehr",
    "alles ist sinnlos",
    "ich bin nur eine last",
    "ich bin lebensmüde",
    "ich bin lebensmuede",
    "ich mache endgültig schluss",
    "es hat alles keinen sinn mehr",
    "ehrlich gesagt sehe ich keinen sinn mehr",
    "ich seh echt keinen sinn mehr",
    "ich halte das nicht mehr aus",
    "es hat alles keinen sinn",
    "alles hat doch keinen sinn",
  ])("concern: %s", (text) => {
    expect(tierOf(text)).toBe("concern");
  });

  it.each([
    "ich lach mich tot",
    "das bringt mich um",
    "die hitze bringt mich noch um",
    "ich könnte mich erschießen, dass ich das vergessen hab",
    "ich hab mit ihm schluss gemacht",
    "ich mach schluss für heute",
    "ich mache endgültig schluss mit ihm",
    "bist du lebensmüde",
    "das wäre politischer selbstmord",
    "ich kann nicht mehr vor lachen",
    "ich kann es kaum erwarten",
    "das handy ist in die ritze gefallen",
    "eine überdosis kaffee",
    "ich will nicht sterben, ich will nur dass es besser wird",
    "bring mich um 8 zum bahnhof",
  ])("harmless: %s", (text) => {
    expect(tierOf(text)).toBeUndefined();
  });

  it("names German as the language of a German phrase, so the safety question is asked in German", () => {
    expect(screen.screen("ich kann einfach nicht mehr")?.language).toBe("de");
    expect(screen.screen("ich bin so müde vom leben")?.language).toBe("de");
  });
});
