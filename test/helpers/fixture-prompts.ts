import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROMPTS_DIR } from "./conversation.js";

/**
 * A prompts folder of a test's own: the shipped English, a test-only instrument on a 0 to 3 scale
 * with a label per option ("fixture", placeholder wording, not a published measure), and a
 * minimal second language, "fr": English messages marked "[fr]" where a test looks, its own
 * words for help, and the fixture's options in French.
 */
export interface FixturePrompts {
  dir: string;
  close: () => void;
}

const FIXTURE_EN = `id: fixture
language: en
title: Fixture questions
intro: Fixture intro.
scale: { min: 0, max: 3, low: not at all, high: nearly every day }
choices:
  - { value: 0, label: Not at all }
  - { value: 1, label: Several days }
  - { value: 2, label: More than half the days }
  - { value: 3, label: Nearly every day }
items:
  - { id: one, text: Fixture item 1, short: Fixture 1 }
  - { id: two, text: Fixture item 2, short: Fixture 2 }
`;

const FIXTURE_FR = `id: fixture
language: fr
title: Questions fixture
intro: Introduction fixture.
scale: { min: 0, max: 3, low: jamais, high: presque tous les jours }
choices:
  - { value: 0, label: Jamais, words: [pas du tout] }
  - { value: 1, label: Plusieurs jours }
  - { value: 2, label: Plus de la moitié des jours }
  - { value: 3, label: Presque tous les jours }
items:
  - { id: one, text: Question fixture 1, short: Fixture 1 }
  - { id: two, text: Question fixture 2, short: Fixture 2 }
`;

/** Replaces exactly one occurrence, so a change in the shipped file cannot silently weaken a test. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture: ${JSON.stringify(from)} not once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function fixturePrompts(): FixturePrompts {
  const dir = mkdtempSync(join(tmpdir(), "rapport-fixture-prompts-"));
  cpSync(join(PROMPTS_DIR, "en"), join(dir, "en"), { recursive: true });
  writeFileSync(join(dir, "en", "fixture.yaml"), FIXTURE_EN);
  mkdirSync(join(dir, "fr"));
  let messages = readFileSync(join(PROMPTS_DIR, "en", "messages.yaml"), "utf8");
  messages = replaceOnce(messages, "\nlanguage: en\n", "\nlanguage: fr\n");
  messages = replaceOnce(
    messages,
    '  checkin_intro: "{therapist} asked',
    '  checkin_intro: "[fr] {therapist} asked',
  );
  messages = replaceOnce(
    messages,
    "  client_help: |-\n    I'm rapport.",
    "  client_help: |-\n    [fr] I'm rapport.",
  );
  messages = replaceOnce(messages, "  help: [help]\n", "  help: [help, aide]\n");
  writeFileSync(join(dir, "fr", "messages.yaml"), messages);
  writeFileSync(join(dir, "fr", "fixture.yaml"), FIXTURE_FR);
  // Every language needs its risk words (start-up refuses one without); the fixture's one phrase
  // is already in the English list, so screening stays what the shipped lists make it.
  writeFileSync(join(dir, "fr", "risk.yaml"), "language: fr\ndisclosure:\n  - suicid*\n");
  return { dir, close: () => rmSync(dir, { recursive: true, force: true }) };
}
