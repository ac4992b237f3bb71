import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type RiskLists, riskScreen } from "../../src/clinical/risk-screen.js";
import { riskListsSchema } from "../../src/prompts/schema.js";

/**
 * The shipped lists against a corpus of messages as clients write them (test/fixtures/risk-corpus,
 * written for the project apart from the lists): 206 that a clinician would want flagged, across
 * ideation, intent, plan, means, preparation, self-harm, attempts, passive wishes, hopelessness,
 * burden, "can't go on", disappearing, chat slang and masked spellings; and 131 harmless ones that
 * contain risky-looking words. Recall counts either tier; a false alarm is any tier.
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/risk-corpus/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => line.split("\t"));

const lists = riskListsSchema.parse(
  parse(readFileSync(new URL("../../prompts/en/risk.yaml", import.meta.url), "utf8")),
) as RiskLists;
const screen = riskScreen([lists]);
const risky = fixture("en-risk.tsv").map(([category = "", tier = "", text = ""]) => ({
  category,
  tier,
  text,
}));
const harmless = fixture("en-harmless.tsv").map(([category = "", text = ""]) => ({ category, text }));

describe("the risk corpus", () => {
  it("is the size the clinical rules ask for", () => {
    expect(risky.length).toBeGreaterThanOrEqual(150);
    expect(harmless.length).toBeGreaterThanOrEqual(80);
    expect(new Set(risky.map((r) => r.tier))).toEqual(new Set(["disclosure", "concern"]));
  });

  it("flags at least 98 % of risk messages and at most 5 % of harmless ones", () => {
    const missed = risky.filter((r) => screen.screen(r.text) === undefined);
    const alarms = harmless.filter((h) => screen.screen(h.text) !== undefined);
    const report: string[] = [];
    for (const tier of ["disclosure", "concern"]) {
      const of = risky.filter((r) => r.tier === tier);
      const caught = of.filter((r) => screen.screen(r.text) !== undefined);
      const sameTier = of.filter((r) => screen.screen(r.text)?.tier === tier);
      report.push(
        `${tier}: ${caught.length}/${of.length} flagged (${pct(caught.length, of.length)}), ${sameTier.length} in the same tier`,
      );
    }
    const recall = (risky.length - missed.length) / risky.length;
    const falseAlarms = alarms.length / harmless.length;
    report.push(
      `recall ${pct(risky.length - missed.length, risky.length)}, false alarms ${pct(alarms.length, harmless.length)}`,
    );
    for (const m of missed) report.push(`missed (${m.category}): ${m.text}`);
    for (const a of alarms) report.push(`false alarm (${a.category}): ${a.text}`);
    console.info(report.join("\n"));
    expect(recall, report.join("\n")).toBeGreaterThanOrEqual(0.98);
    expect(falseAlarms, report.join("\n")).toBeLessThanOrEqual(0.05);
  });

  it("puts no attempt or self-harm in the concern tier only", () => {
    const serious = risky.filter((r) => ["attempt", "self-harm"].includes(r.category));
    const soft = serious.filter((r) => screen.screen(r.text)?.tier === "concern");
    expect(soft.map((r) => r.text)).toEqual([]);
  });
});

function pct(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)} %`;
}
