import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseScore } from "../../src/engine/checkin/score-input.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { PROMPTS_DIR } from "../helpers/conversation.js";

/**
 * The number words read across languages are the clinic's prompts' own (prompts/<language>/
 * messages.yaml, `numbers`), not a list of their own: a word a pack spells its own way is read
 * from a client in another shipped language too, unless a shipped language reads it otherwise.
 */
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The shipped prompts with one language's numbers line changed, each change found exactly once. */
function promptsWith(language: string, from: string, to: string) {
  dir = mkdtempSync(join(tmpdir(), "rapport-numbers-"));
  cpSync(PROMPTS_DIR, dir, { recursive: true });
  const file = join(dir, language, "messages.yaml");
  const text = readFileSync(file, "utf8");
  if (text.split(from).length !== 2) throw new Error(`${JSON.stringify(from)} not once in ${language}`);
  writeFileSync(file, text.replace(from, to));
  const catalog = loadPrompts(dir);
  return (code: string) => {
    const words = catalog.languages.get(code)?.messages.words;
    if (!words) throw new Error(`no ${code} prompts`);
    return words;
  };
}

describe("number words of another shipped language, as its pack spells them", () => {
  it.each(["en", "es"])("a client in %s typing the German pack's own 'zwo' gives 2", (language) => {
    const wordsOf = promptsWith("de", "eins, zwei, drei", "eins, zwo, drei");
    expect(parseScore("zwo", 0, 10, wordsOf(language))).toEqual({ ok: true, value: 2 });
    expect(parseScore("zwei", 0, 10, wordsOf(language))).toEqual({ ok: false });
  });

  it("leaves out a pack's number word that a shipped language reads otherwise", () => {
    // English "none" is a no at the safety question: a German client's "none" is no 0.
    const wordsOf = promptsWith("en", "numbers: [zero,", "numbers: [none,");
    expect(parseScore("none", 0, 10, wordsOf("en"))).toEqual({ ok: true, value: 0 });
    expect(parseScore("none", 0, 10, wordsOf("de"))).toEqual({ ok: false });
    expect(parseScore("one", 0, 10, wordsOf("de"))).toEqual({ ok: true, value: 1 });
  });
});
