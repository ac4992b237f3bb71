import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MESSAGE_KEYS, MESSAGE_VARS, type MessageKey } from "../../src/prompts/catalog.js";
import { loadPrompts, PROFILES_FOLDER } from "../../src/prompts/load.js";
import { fill, wordingFor } from "../../src/prompts/render.js";
import { CONSENT_VARS } from "../../src/prompts/schema.js";

/**
 * Every language pack under prompts/ against English: a pack must have every message
 * key, every placeholder English uses in each message, every instrument with the same ids, items,
 * scale, choices and risk item, the safety question, the chat words, and every risk tier English
 * has. The loader already refuses a missing key or an unknown placeholder; this test also catches
 * a placeholder a translation dropped ("{therapist} will see your answers" rendered without the
 * name), an item left out or renamed, a tier left empty, and it names every gap at once, each as
 * "prompts/LANG/FILE: field: what is wrong".
 */

const SHIPPED = fileURLToPath(new URL("../../prompts", import.meta.url));
const SPECIAL = ["messages.yaml", "risk.yaml"];
const PLACEHOLDER = /\{([^{}\n]*)\}/g;

type Doc = Record<string, unknown>;

function read(path: string): Doc | undefined {
  if (!existsSync(path)) return undefined;
  const value = parse(readFileSync(path, "utf8")) as unknown;
  return value && typeof value === "object" ? (value as Doc) : {};
}

function placeholders(text: unknown): Set<string> {
  return new Set(typeof text === "string" ? [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "") : []);
}

const isText = (value: unknown): value is string => typeof value === "string" && value.trim().length > 0;
const asDoc = (value: unknown): Doc => (value && typeof value === "object" ? (value as Doc) : {});
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The folders of prompts/ that hold a language other than English (profiles/ holds scoring profiles). */
function otherLanguages(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== "en" && name !== PROFILES_FOLDER && statSync(join(dir, name)).isDirectory())
    .sort();
}

/** Everything a language pack lacks that English has; empty when it is complete. */
function packProblems(dir: string, language: string): string[] {
  const problems: string[] = [];
  const en = join(dir, "en");
  const pack = join(dir, language);
  const where = (file: string, field?: string) =>
    `prompts/${language}/${file}${field === undefined ? "" : `: ${field}`}`;

  // messages.yaml: consent, every message with English's placeholders, the chat words.
  const enMessages = read(join(en, "messages.yaml")) ?? {};
  const messages = read(join(pack, "messages.yaml"));
  if (!messages) {
    problems.push(`${where("messages.yaml")}: the file is missing`);
  } else {
    if (messages.language !== language) {
      problems.push(`${where("messages.yaml", "language")}: is "${messages.language}", not "${language}"`);
    }
    const consent = asDoc(messages.consent);
    const enConsent = asDoc(enMessages.consent);
    if (typeof consent.version !== "number")
      problems.push(`${where("messages.yaml", "consent.version")}: missing`);
    if (!isText(consent.text)) problems.push(`${where("messages.yaml", "consent.text")}: missing`);
    for (const name of placeholders(enConsent.text)) {
      if (isText(consent.text) && !placeholders(consent.text).has(name)) {
        problems.push(`${where("messages.yaml", "consent.text")}: placeholder {${name}} is missing`);
      }
    }
    const enTexts = asDoc(enMessages.messages);
    const texts = asDoc(messages.messages);
    const keys = [...new Set([...MESSAGE_KEYS, ...Object.keys(enTexts)])];
    for (const key of keys) {
      const field = `messages.${key}`;
      const text = texts[key];
      if (!isText(text)) {
        problems.push(`${where("messages.yaml", field)}: missing`);
        continue;
      }
      const used = placeholders(text);
      for (const name of placeholders(enTexts[key])) {
        if (!used.has(name))
          problems.push(`${where("messages.yaml", field)}: placeholder {${name}} is missing`);
      }
      const allowed = (MESSAGE_VARS[key as MessageKey] ?? []) as readonly string[];
      for (const name of used) {
        if (!allowed.includes(name))
          problems.push(`${where("messages.yaml", field)}: unknown placeholder {${name}}`);
      }
    }
    for (const key of Object.keys(texts)) {
      if (!keys.includes(key))
        problems.push(`${where("messages.yaml", `messages.${key}`)}: not a message key`);
    }
    const enWords = asDoc(enMessages.words);
    const words = asDoc(messages.words);
    for (const key of Object.keys(enWords)) {
      const list = asList(words[key]);
      if (list.length === 0 || !list.every(isText)) {
        problems.push(`${where("messages.yaml", `words.${key}`)}: missing or empty`);
      }
    }
    if (asList(words.numbers).length !== 11) {
      problems.push(
        `${where("messages.yaml", "words.numbers")}: needs the words for 0 to 10, eleven of them`,
      );
    }
    // The consent buttons carry "yes" and "no" whatever the language, and are read with these words.
    if (!asList(words.yes).includes("yes")) {
      problems.push(
        `${where("messages.yaml", "words.yes")}: must include "yes" (the consent button's value)`,
      );
    }
    if (!asList(words.no).includes("no")) {
      problems.push(`${where("messages.yaml", "words.no")}: must include "no" (the consent button's value)`);
    }
  }

  // Instruments: every one English has (the safety question among them), with the same shape.
  const enInstruments = readdirSync(en).filter((f) => /\.ya?ml$/.test(f) && !SPECIAL.includes(f));
  for (const file of enInstruments.sort()) {
    const enDoc = read(join(en, file)) ?? {};
    const doc = read(join(pack, file));
    if (!doc) {
      problems.push(`${where(file)}: the file is missing (instrument "${enDoc.id}")`);
      continue;
    }
    if (doc.id !== enDoc.id) problems.push(`${where(file, "id")}: is "${doc.id}", not "${enDoc.id}"`);
    if (doc.language !== language) {
      problems.push(`${where(file, "language")}: is "${doc.language}", not "${language}"`);
    }
    for (const field of ["title", "intro"]) {
      if (!isText(doc[field])) problems.push(`${where(file, field)}: missing`);
    }
    const enScale = asDoc(enDoc.scale);
    const scale = asDoc(doc.scale);
    for (const field of ["min", "max"]) {
      if (scale[field] !== enScale[field]) {
        problems.push(`${where(file, `scale.${field}`)}: is ${scale[field]}, not ${enScale[field]}`);
      }
    }
    for (const field of ["low", "high"]) {
      if (!isText(scale[field])) problems.push(`${where(file, `scale.${field}`)}: missing`);
    }
    const enItems = asList(enDoc.items).map(asDoc);
    const items = asList(doc.items).map(asDoc);
    const ids = items.map((item) => item.id);
    const enIds = enItems.map((item) => item.id);
    if (JSON.stringify(ids) !== JSON.stringify(enIds)) {
      problems.push(
        `${where(file, "items")}: ids are [${ids.join(", ")}], not [${enIds.join(", ")}] in that order`,
      );
    }
    items.forEach((item, i) => {
      for (const field of ["text", "short"]) {
        if (!isText(item[field])) problems.push(`${where(file, `items.${i}.${field}`)}: missing`);
      }
    });
    const enRisk = asDoc(enDoc.riskItem);
    const risk = asDoc(doc.riskItem);
    if (enDoc.riskItem !== undefined && (risk.item !== enRisk.item || risk.above !== enRisk.above)) {
      problems.push(
        `${where(file, "riskItem")}: must be item ${enRisk.item} above ${enRisk.above}, as in English (a yes is a disclosure)`,
      );
    }
    const enChoices = asList(enDoc.choices).map(asDoc);
    const choices = asList(doc.choices).map(asDoc);
    const values = choices.map((c) => c.value);
    const enValues = enChoices.map((c) => c.value);
    if (JSON.stringify(values) !== JSON.stringify(enValues)) {
      problems.push(
        `${where(file, "choices")}: values are [${values.join(", ")}], not [${enValues.join(", ")}]`,
      );
    }
    choices.forEach((choice, i) => {
      if (!isText(choice.label)) problems.push(`${where(file, `choices.${i}.label`)}: missing`);
      if (asList(enChoices[i]?.words).length > 0 && asList(choice.words).length === 0) {
        problems.push(
          `${where(file, `choices.${i}.words`)}: missing (the words people type for "${choice.label}")`,
        );
      }
    });
  }

  // Risk lists: every tier English has, not empty.
  const enRisk = read(join(en, "risk.yaml"));
  if (enRisk) {
    const risk = read(join(pack, "risk.yaml"));
    if (!risk) {
      problems.push(
        `${where("risk.yaml")}: the file is missing (risk phrases in both tiers and their exceptions)`,
      );
    } else {
      if (risk.language !== language) {
        problems.push(`${where("risk.yaml", "language")}: is "${risk.language}", not "${language}"`);
      }
      for (const tier of Object.keys(enRisk).filter((k) => k !== "language")) {
        if (asList(enRisk[tier]).length > 0 && asList(risk[tier]).length === 0) {
          problems.push(
            `${where("risk.yaml", tier)}: missing or empty (English has ${asList(enRisk[tier]).length})`,
          );
        }
      }
    }
  }
  return problems;
}

function report(language: string, problems: string[]): string {
  return `prompts/${language} lacks what English has:\n${problems.join("\n")}`;
}

describe("every language pack is as complete as English", () => {
  const languages = otherLanguages(SHIPPED);

  it("English is complete against itself (the check's own baseline)", () => {
    expect(packProblems(SHIPPED, "en")).toEqual([]);
  });

  it.each(languages)("prompts/%s has every key, placeholder, instrument and risk tier", (language) => {
    const problems = packProblems(SHIPPED, language);
    expect(problems, report(language, problems)).toEqual([]);
  });

  it.each(languages)(
    "prompts/%s loads, and every message renders with its placeholders filled",
    (language) => {
      const catalog = loadPrompts(SHIPPED);
      const pack = catalog.languages.get(language);
      expect(pack?.language).toBe(language);
      expect(pack?.risk?.language).toBe(language);
      expect([...(pack?.instruments.keys() ?? [])].sort()).toEqual(
        [...(catalog.languages.get("en")?.instruments.keys() ?? [])].sort(),
      );
      const w = wordingFor(catalog, language);
      expect(w.pack.language).toBe(language);
      const t = w.t.bind(w) as unknown as (key: MessageKey, vars: Record<string, string>) => string;
      const unfilled = MESSAGE_KEYS.filter((key) => {
        const vars = Object.fromEntries((MESSAGE_VARS[key] as readonly string[]).map((n) => [n, `<${n}>`]));
        return /[{}]/.test(t(key, vars));
      });
      expect(unfilled).toEqual([]);
      const consent = fill(w.consent.text, Object.fromEntries(CONSENT_VARS.map((n) => [n, `<${n}>`])));
      expect(consent).toContain("<crisis>");
    },
  );
});

describe("the completeness check itself", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-packs-"));
    cpSync(join(SHIPPED, "en"), join(dir, "en"), { recursive: true });
    cpSync(join(SHIPPED, "en"), join(dir, "xx"), { recursive: true });
    for (const file of readdirSync(join(dir, "xx"))) {
      const path = join(dir, "xx", file);
      writeFileSync(path, readFileSync(path, "utf8").replace(/^language: en$/m, "language: xx"));
    }
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const edit = (file: string, from: string | RegExp, to: string) => {
    const path = join(dir, "xx", file);
    const before = readFileSync(path, "utf8");
    const after = before.replace(from, to);
    if (after === before) throw new Error(`test setup: ${from} not found in ${file}`);
    writeFileSync(path, after);
  };

  it("finds nothing in a full copy of English", () => {
    expect(packProblems(dir, "xx")).toEqual([]);
  });

  it("names a missing message, a dropped placeholder and a missing word list", () => {
    edit("messages.yaml", /^ {2}checkin_sent: .*\n/m, "");
    edit(
      "messages.yaml",
      "Thank you, that's everything. {therapist} will",
      "Thank you, that's everything. They will",
    );
    edit("messages.yaml", /^ {2}mydata: \[.*\]\n/m, "");
    const problems = packProblems(dir, "xx");
    expect(problems).toContain("prompts/xx/messages.yaml: messages.checkin_sent: missing");
    expect(problems).toContain(
      "prompts/xx/messages.yaml: messages.checkin_thanks: placeholder {therapist} is missing",
    );
    expect(problems).toContain("prompts/xx/messages.yaml: words.mydata: missing or empty");
  });

  it("names a missing or reshaped instrument, and the safety question", () => {
    rmSync(join(dir, "xx", "safety.yaml"));
    edit("alliance.yaml", "id: goals", "id: aims");
    edit("progress.yaml", "max: 10", "max: 7");
    const problems = packProblems(dir, "xx");
    expect(problems).toContain('prompts/xx/safety.yaml: the file is missing (instrument "safety")');
    expect(problems).toContain(
      "prompts/xx/alliance.yaml: items: ids are [heard, aims, approach, overall], not [heard, goals, approach, overall] in that order",
    );
    expect(problems).toContain("prompts/xx/progress.yaml: scale.max: is 7, not 10");
  });

  it("names a risk tier left out", () => {
    edit("risk.yaml", /\nconcern:\n(?: {2}.*\n|\n)*?(?=exceptions:)/, "\n");
    expect(packProblems(dir, "xx")).toEqual([
      "prompts/xx/risk.yaml: concern: missing or empty (English has " +
        `${asList(read(join(SHIPPED, "en", "risk.yaml"))?.concern).length})`,
    ]);
  });
});
