import { describe, expect, it } from "vitest";
import { riskScreen } from "../../src/clinical/risk-screen.js";
import { harmlessMessages, measureCorpus, riskMessages, shippedLists } from "./corpus.js";

/**
 * The shipped lists against a corpus of messages as clients write them (test/fixtures/risk-corpus,
 * written for the project apart from the lists): 206 that a clinician would want flagged, across
 * ideation, intent, plan, means, preparation, self-harm, attempts, passive wishes, hopelessness,
 * burden, "can't go on", disappearing, chat slang and masked spellings; and 131 harmless ones that
 * contain risky-looking words. Recall counts either tier; a false alarm is any tier.
 */
const screen = riskScreen([shippedLists("en")]);
const risky = riskMessages("en-risk.tsv");
const harmless = harmlessMessages("en-harmless.tsv");

describe("the risk corpus", () => {
  it("is the size the clinical rules ask for", () => {
    expect(risky.length).toBeGreaterThanOrEqual(150);
    expect(harmless.length).toBeGreaterThanOrEqual(80);
    expect(new Set(risky.map((r) => r.tier))).toEqual(new Set(["disclosure", "concern"]));
  });

  it("flags at least 98 % of risk messages and at most 5 % of harmless ones", () => {
    const { recall, falseAlarms, report } = measureCorpus(screen, risky, harmless);
    console.info(report);
    expect(recall, report).toBeGreaterThanOrEqual(0.98);
    expect(falseAlarms, report).toBeLessThanOrEqual(0.05);
  });

  it("puts no attempt or self-harm in the concern tier only", () => {
    const serious = risky.filter((r) => ["attempt", "self-harm"].includes(r.category));
    const soft = serious.filter((r) => screen.screen(r.text)?.tier === "concern");
    expect(soft.map((r) => r.text)).toEqual([]);
  });
});
