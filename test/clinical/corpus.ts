import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { RiskLists, RiskScreen } from "../../src/clinical/risk-screen.js";
import { riskListsSchema } from "../../src/prompts/schema.js";

/**
 * The risk corpora (test/fixtures/risk-corpus/*.tsv) and how a screen is measured on them, for the
 * corpus test of each language: recall counts either tier, a false alarm is any tier.
 */
export interface RiskMessage {
  category: string;
  tier: string;
  text: string;
}

export interface HarmlessMessage {
  category: string;
  text: string;
}

function rows(name: string): string[][] {
  return readFileSync(new URL(`../fixtures/risk-corpus/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => line.split("\t"));
}

/** A corpus of messages a clinician would want flagged: category, tier, text. */
export const riskMessages = (name: string): RiskMessage[] =>
  rows(name).map(([category = "", tier = "", text = ""]) => ({ category, tier, text }));

/** A corpus of harmless messages with risky-looking words: category, text. */
export const harmlessMessages = (name: string): HarmlessMessage[] =>
  rows(name).map(([category = "", text = ""]) => ({ category, text }));

/** A language's shipped risk lists. */
export const shippedLists = (language: string): RiskLists =>
  riskListsSchema.parse(
    parse(readFileSync(new URL(`../../prompts/${language}/risk.yaml`, import.meta.url), "utf8")),
  ) as RiskLists;

export function pct(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)} %`;
}

/**
 * Recall of `screen` on `risky`, false alarms of `alarmsScreen` (by default the same) on
 * `harmless`, and a report for a failing assertion: each tier, then what was missed or flagged.
 */
export function measureCorpus(
  screen: RiskScreen,
  risky: readonly RiskMessage[],
  harmless: readonly HarmlessMessage[],
  alarmsScreen: RiskScreen = screen,
): { recall: number; falseAlarms: number; report: string } {
  const missed = risky.filter((r) => screen.screen(r.text) === undefined);
  const alarms = harmless.filter((h) => alarmsScreen.screen(h.text) !== undefined);
  const report: string[] = [];
  for (const tier of ["disclosure", "concern"]) {
    const of = risky.filter((r) => r.tier === tier);
    const caught = of.filter((r) => screen.screen(r.text) !== undefined);
    const sameTier = of.filter((r) => screen.screen(r.text)?.tier === tier);
    report.push(
      `${tier}: ${caught.length}/${of.length} flagged (${pct(caught.length, of.length)}), ${sameTier.length} in the same tier`,
    );
  }
  report.push(
    `recall ${pct(risky.length - missed.length, risky.length)}, false alarms ${pct(alarms.length, harmless.length)}`,
  );
  for (const m of missed) report.push(`missed (${m.category}): ${m.text}`);
  for (const a of alarms) {
    const hit = alarmsScreen.screen(a.text)?.hits[0];
    report.push(`false alarm (${a.category}): ${a.text}  [${hit?.language} "${hit?.phrase}"]`);
  }
  return {
    recall: (risky.length - missed.length) / risky.length,
    falseAlarms: alarms.length / harmless.length,
    report: report.join("\n"),
  };
}
