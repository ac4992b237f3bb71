import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { MESSAGE_KEYS, MESSAGE_VARS, type MessageKey } from "../../src/prompts/catalog.js";
import { loadPrompts, type PromptCatalog } from "../../src/prompts/load.js";
import { fill, type Wording, wordingFor } from "../../src/prompts/render.js";
import { CONSENT_VARS } from "../../src/prompts/schema.js";

const SHIPPED = fileURLToPath(new URL("../../prompts", import.meta.url));
const SHIPPED_EN = join(SHIPPED, "en");

let shipped: PromptCatalog | undefined;
function shippedCatalog(): PromptCatalog {
  shipped ??= loadPrompts(SHIPPED);
  return shipped;
}

/** Calls Wording.t for any key, with a value for each of the key's placeholders. */
function render(wording: Wording, key: MessageKey): string {
  const vars = Object.fromEntries(
    (MESSAGE_VARS[key] as readonly string[]).map((name) => [name, `<${name}>`]),
  );
  const t = wording.t.bind(wording) as unknown as (k: MessageKey, v: Record<string, string>) => string;
  return t(key, vars);
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`test setup: ${JSON.stringify(needle)} not found`);
  return text.slice(0, at).split("\n").length;
}

/** Replaces exactly one occurrence, so a change in the shipped files cannot silently break a test. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`test setup: ${JSON.stringify(from)} must occur exactly once`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function loadError(dir: string): ConfigError {
  try {
    loadPrompts(dir);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("loadPrompts did not throw");
}

describe("loadPrompts with the shipped prompts", () => {
  it("loads an English pack with the two instruments", () => {
    const catalog = shippedCatalog();
    expect(catalog.fallback).toBe("en");
    const en = catalog.languages.get("en");
    expect(en).toBeDefined();
    expect(en?.language).toBe("en");
    expect(en?.messages.language).toBe("en");
    expect([...(en?.instruments.keys() ?? [])].sort()).toEqual(["alliance", "progress", "safety"]);
  });

  it.each(["alliance", "progress"])("has %s with 4 items on a 0 to 10 scale", (id) => {
    const instrument = shippedCatalog().languages.get("en")?.instruments.get(id);
    expect(instrument).toBeDefined();
    expect(instrument?.id).toBe(id);
    expect(instrument?.items).toHaveLength(4);
    expect(instrument?.scale.min).toBe(0);
    expect(instrument?.scale.max).toBe(10);
    const ids = instrument?.items.map((item) => item.id) ?? [];
    expect(new Set(ids).size).toBe(4);
    for (const item of instrument?.items ?? []) {
      expect(item.text.trim()).not.toBe("");
      expect(item.short.trim()).not.toBe("");
    }
  });

  it.each(MESSAGE_KEYS)("renders message %s with every placeholder filled", (key) => {
    const text = render(wordingFor(shippedCatalog(), "en"), key);
    expect(text.trim()).not.toBe("");
    expect(text).not.toContain("{");
    expect(text).not.toContain("}");
  });

  it("renders the consent text with every placeholder filled", () => {
    const consent = wordingFor(shippedCatalog(), "en").consent;
    expect(consent.version).toBeGreaterThanOrEqual(1);
    const vars = Object.fromEntries(CONSENT_VARS.map((name) => [name, `<${name}>`]));
    const text = fill(consent.text, vars);
    expect(text).not.toContain("{");
    expect(text).toContain("<crisis>");
  });
});

describe("wordingFor", () => {
  it("picks en for en-GB", () => {
    expect(wordingFor(shippedCatalog(), "en-GB").pack.language).toBe("en");
  });

  it("falls back to en for an unknown language, or none", () => {
    expect(wordingFor(shippedCatalog(), "xx").pack.language).toBe("en");
    expect(wordingFor(shippedCatalog()).pack.language).toBe("en");
    expect(wordingFor(shippedCatalog(), null, undefined, "").pack.language).toBe("en");
  });

  describe("with a second language", () => {
    let dir: string;
    let catalog: PromptCatalog;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "rapport-prompts-"));
      cpSync(SHIPPED_EN, join(dir, "en"), { recursive: true });
      mkdirSync(join(dir, "de"));
      for (const file of ["messages.yaml", "alliance.yaml", "progress.yaml", "risk.yaml"]) {
        const text = readFileSync(join(SHIPPED_EN, file), "utf8");
        writeFileSync(join(dir, "de", file), replaceOnce(text, "\nlanguage: en\n", "\nlanguage: de\n"));
      }
      catalog = loadPrompts(dir);
    });

    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it("matches a region locale to its language, in any case", () => {
      expect(wordingFor(catalog, "de-CH").pack.language).toBe("de");
      expect(wordingFor(catalog, "de_AT").pack.language).toBe("de");
      expect(wordingFor(catalog, "DE").pack.language).toBe("de");
      expect(wordingFor(catalog, "en-GB").pack.language).toBe("en");
    });

    it("takes the first preference the catalog has", () => {
      expect(wordingFor(catalog, null, "xx", "de", "en").pack.language).toBe("de");
      expect(wordingFor(catalog, "xx").pack.language).toBe("en");
    });

    it("finds the instruments", () => {
      expect(wordingFor(catalog, "de").instrument("alliance").language).toBe("de");
    });
  });
});

describe("loadPrompts with a broken copy", () => {
  let dir: string;
  let en: string;

  const read = (file: string) => readFileSync(join(en, file), "utf8");
  const write = (file: string, text: string) => writeFileSync(join(en, file), text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-prompts-"));
    en = join(dir, "en");
    cpSync(SHIPPED_EN, en, { recursive: true });
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads the unbroken copy", () => {
    expect(loadPrompts(dir).languages.get("en")?.instruments.size).toBe(3);
  });

  it("names a missing message key, pointing at the messages block", () => {
    const original = read("messages.yaml");
    const line = original.split("\n").find((l) => l.startsWith("  consent_no:"));
    expect(line).toBeDefined();
    const broken = replaceOnce(original, `${line}\n`, "");
    write("messages.yaml", broken);
    // A missing key points at its parent: the mapping that starts on the line after "messages:".
    const expectedLine = lineOf(broken, "\nmessages:\n") + 2;
    const error = loadError(dir);
    expect(error.setting).toBe("prompts");
    expect(error.message).toContain("messages.yaml");
    expect(error.message).toContain(`:${expectedLine}:`);
    expect(error.message).toContain("messages.consent_no");
  });

  it("names an unknown placeholder", () => {
    const broken = replaceOnce(
      read("messages.yaml"),
      "code_invalid: That code doesn't work.",
      "code_invalid: That code {nme} doesn't work.",
    );
    write("messages.yaml", broken);
    const error = loadError(dir);
    expect(error.message).toContain("messages.yaml");
    expect(error.message).toContain(`:${lineOf(broken, "code_invalid:")}:`);
    expect(error.message).toContain("messages.code_invalid");
    expect(error.message).toContain("{nme}");
  });

  it("names a placeholder that is valid elsewhere but not in this message", () => {
    const broken = replaceOnce(
      read("messages.yaml"),
      "code_invalid: That code doesn't work.",
      "code_invalid: That code doesn't work. {crisis}",
    );
    write("messages.yaml", broken);
    const error = loadError(dir);
    expect(error.message).toContain(`:${lineOf(broken, "code_invalid:")}:`);
    expect(error.message).toContain("messages.code_invalid");
    expect(error.message).toContain("{crisis}");
  });

  it("names an unknown placeholder in a multi-line message", () => {
    const broken = replaceOnce(read("messages.yaml"), "{count}. {item}\n", "{count}. {itme}\n");
    write("messages.yaml", broken);
    const error = loadError(dir);
    expect(error.message).toContain(`:${lineOf(broken, "  question:")}:`);
    expect(error.message).toContain("messages.question");
    expect(error.message).toContain("{itme}");
  });

  it("names invalid YAML with its line", () => {
    const broken = replaceOnce(
      read("alliance.yaml"),
      "title: About the last session",
      "title: About: the last session",
    );
    write("alliance.yaml", broken);
    const error = loadError(dir);
    expect(error.setting).toBe("prompts");
    expect(error.message).toContain("alliance.yaml");
    expect(error.message).toContain(`:${lineOf(broken, "title:")}:`);
    expect(error.message).toContain("not valid YAML");
  });

  it("names an item with an empty text", () => {
    const original = read("alliance.yaml");
    const line = original.split("\n").find((l) => l.startsWith("    text:"));
    expect(line).toBeDefined();
    const broken = replaceOnce(original, `${line}\n`, '    text: ""\n');
    write("alliance.yaml", broken);
    const error = loadError(dir);
    expect(error.message).toContain("alliance.yaml");
    expect(error.message).toContain(`:${lineOf(broken, 'text: ""')}:`);
    expect(error.message).toContain("items.0.text");
    expect(error.message).toContain("must not be empty");
  });

  it("names an item with a text of only spaces", () => {
    const original = read("progress.yaml");
    const lines = original.split("\n").filter((l) => l.startsWith("    text:"));
    const second = lines[1];
    expect(second).toBeDefined();
    const broken = replaceOnce(original, `${second}\n`, '    text: "   "\n');
    write("progress.yaml", broken);
    const error = loadError(dir);
    expect(error.message).toContain("progress.yaml");
    expect(error.message).toContain(`:${lineOf(broken, 'text: "   "')}:`);
    expect(error.message).toContain("items.1.text");
  });

  it("names a duplicate item id at the second occurrence", () => {
    const original = read("alliance.yaml");
    const ids = [...original.matchAll(/^ {2}- id: (\w+)$/gm)].map((m) => m[1] ?? "");
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const [first, , third] = ids;
    const broken = replaceOnce(original, `  - id: ${third}\n`, `  - id: ${first}\n`);
    write("alliance.yaml", broken);
    const secondAt = broken.indexOf(`  - id: ${first}\n`, broken.indexOf(`  - id: ${first}\n`) + 1);
    const expectedLine = broken.slice(0, secondAt).split("\n").length;
    const error = loadError(dir);
    expect(error.message).toContain("alliance.yaml");
    expect(error.message).toContain(`:${expectedLine}:`);
    expect(error.message).toContain("items.2.id");
    expect(error.message).toContain(`duplicate item id "${first}"`);
  });

  it("names a file whose id does not match its name, with the line", () => {
    const broken = replaceOnce(read("alliance.yaml"), "\nid: alliance\n", "\nid: allianc\n");
    write("alliance.yaml", broken);
    const error = loadError(dir);
    expect(error.setting).toBe("prompts");
    expect(error.message).toContain("alliance.yaml");
    expect(error.message).toContain(`:${lineOf(broken, "\nid: allianc") + 1}:`);
    expect(error.message).toContain('field "id"');
    expect(error.message).toContain('"allianc"');
  });

  it("names a placeholder with capitals, which would otherwise be sent as written", () => {
    const broken = replaceOnce(
      read("messages.yaml"),
      "{therapist} will send you",
      "{Therapist} will send you",
    );
    write("messages.yaml", broken);
    const error = loadError(dir);
    expect(error.message).toContain(`:${lineOf(broken, "consent_given:")}:`);
    expect(error.message).toContain("{Therapist}");
  });

  it("names a file whose language does not match its folder", () => {
    write("progress.yaml", replaceOnce(read("progress.yaml"), "\nlanguage: en\n", "\nlanguage: de\n"));
    const error = loadError(dir);
    expect(error.message).toContain("progress.yaml");
    expect(error.message).toContain('field "language"');
  });

  it("names a missing messages.yaml", () => {
    unlinkSync(join(en, "messages.yaml"));
    const error = loadError(dir);
    expect(error.setting).toBe("prompts");
    expect(error.message).toContain("messages.yaml");
    expect(error.message).toContain("missing");
  });

  it("refuses a folder without the fallback language", () => {
    cpSync(en, join(dir, "de"), { recursive: true });
    rmSync(en, { recursive: true });
    for (const file of ["messages.yaml", "alliance.yaml", "progress.yaml"]) {
      const path = join(dir, "de", file);
      writeFileSync(path, replaceOnce(readFileSync(path, "utf8"), "\nlanguage: en\n", "\nlanguage: de\n"));
    }
    expect(loadError(dir).message).toContain('"en"');
  });

  it("refuses a prompts folder that does not exist", () => {
    const error = loadError(join(dir, "nowhere"));
    expect(error.setting).toBe("prompts");
    expect(error.message).toContain("nowhere");
  });
});
