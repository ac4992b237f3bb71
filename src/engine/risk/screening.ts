import { type RiskFinding, type RiskLists, type RiskScreen, riskScreen } from "../../clinical/risk-screen.js";
import type { PromptCatalog } from "../../prompts/load.js";
import { oneLine } from "../client-text.js";
import type { Turn } from "../turn-context.js";

const screens = new WeakMap<PromptCatalog, RiskScreen>();

/** The risk lists of every language in the catalog that has them. */
export function catalogRiskLists(catalog: PromptCatalog): RiskLists[] {
  return [...catalog.languages.values()].flatMap((pack) => (pack.risk ? [pack.risk] : []));
}

/** One screen over the risk lists of every language in the catalog, built once. */
export function catalogRiskScreen(catalog: PromptCatalog): RiskScreen {
  let screen = screens.get(catalog);
  if (!screen) {
    screen = riskScreen(catalogRiskLists(catalog));
    screens.set(catalog, screen);
  }
  return screen;
}

/**
 * Whatever a person sent, screened before anything else: typed text, and a button's value too,
 * since a forged press can carry text (a real one carries "7" or "skip", which match nothing).
 */
export function screenInput(turn: Turn): RiskFinding | undefined {
  const input = turn.event.input;
  const text = input.kind === "text" ? input.text : input.value;
  return catalogRiskScreen(turn.deps.catalog).screen(text);
}

/**
 * The message a therapist sees, shortened: enough to act on, never a wall of text, on one line
 * and without the controls that could turn the rest of an alert around.
 */
export function excerpt(text: string, max = 400): string {
  const flat = oneLine(text);
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
