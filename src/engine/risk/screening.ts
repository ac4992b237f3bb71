import type { RiskFinding } from "../../clinical/risk-finding.js";
import { type RiskLists, type RiskScreen, riskScreen } from "../../clinical/risk-screen.js";
import { codeWordCount, hashCode, normaliseCode } from "../../codes.js";
import { madeOnce } from "../../made-once.js";
import type { PromptCatalog } from "../../prompts/load.js";
import type { ParsedWord } from "../chat-words.js";
import { oneLine } from "../client-text.js";
import type { Turn } from "../turn-context.js";

const screens = new WeakMap<PromptCatalog, RiskScreen>();

/** The risk lists of every language in the catalog (each has its own: loadPrompts requires it). */
export function catalogRiskLists(catalog: PromptCatalog): RiskLists[] {
  return [...catalog.languages.values()].map((pack) => pack.risk);
}

/** One screen over the risk lists of every language in the catalog, built once. */
export function catalogRiskScreen(catalog: PromptCatalog): RiskScreen {
  return madeOnce(screens, catalog, (c) => riskScreen(catalogRiskLists(c)));
}

/**
 * Whatever a person sent, screened before anything else: typed text, and a button's value too,
 * since a forged press can carry text (a real one carries "7" or "skip", which match nothing).
 */
export async function screenInput(
  turn: Turn,
  parsed: ParsedWord | undefined,
): Promise<RiskFinding | undefined> {
  const input = turn.event.input;
  const text = input.kind === "text" ? input.text : input.value;
  return catalogRiskScreen(turn.deps.catalog).screen(await withoutIssuedCode(turn, text, parsed));
}

/**
 * The words of `start CODE` or `link CODE` without the code, when it is one rapport issued: a
 * code is random letters and digits, and about one in nine thousand reads as chat shorthand
 * ("KM55" as "kms"), which would answer a person joining with the crisis text. A code nobody
 * issued is screened like any other words, and so is whatever follows a real one.
 */
async function withoutIssuedCode(turn: Turn, text: string, parsed: ParsedWord | undefined): Promise<string> {
  if (parsed?.word !== "start" && parsed?.word !== "link") return text;
  const words = codeWordCount(parsed.args);
  const code = normaliseCode(parsed.args.slice(0, words).join(" "));
  if (!code || !(await turn.tx.findCode(hashCode(code)))) return text;
  const command = text.trim().split(/\s+/)[0] ?? "";
  return [command, ...parsed.args.slice(words)].join(" ");
}

/**
 * The message a therapist sees, shortened: enough to act on, never a wall of text, on one line
 * and without the controls that could turn the rest of an alert around.
 */
export function excerpt(text: string, max = 400): string {
  const flat = oneLine(text);
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
