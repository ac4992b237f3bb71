import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RiskLists } from "../clinical/risk-screen.js";
import { shippedNumbers } from "../engine/checkin/shipped-numbers.js";
import { ConfigError } from "../errors.js";
import { borrowedCopy, withAnswerWords } from "../instruments/answer-words.js";
import { type ProfileEntry, profileFor, readProfiles } from "../instruments/profiles.js";
import {
  type ChatWords,
  type Instrument,
  instrumentSchema,
  type MessageFile,
  messagesSchema,
  riskListsSchema,
} from "./schema.js";
import { display, parseFile } from "./yaml-file.js";

/**
 * prompts/ ships beside src/ and adapters/: three levels up from dist/src/prompts when built,
 * two from src/prompts when run from source.
 */
export const DEFAULT_PROMPTS_DIR =
  [
    fileURLToPath(new URL("../../../prompts", import.meta.url)),
    fileURLToPath(new URL("../../prompts", import.meta.url)),
  ].find((dir) => existsSync(join(dir, "en"))) ?? fileURLToPath(new URL("../../../prompts", import.meta.url));

/**
 * A language's words (messages.yaml) with the number words of the shipped languages a client in
 * it may type as well, by their spelling ("six": 6 for a German client; shipped-numbers.ts).
 */
type PackWords = ChatWords & { readonly acrossLanguages: ReadonlyMap<string, number> };

export interface LanguagePack {
  language: string;
  messages: Omit<MessageFile, "words"> & { words: PackWords };
  instruments: Map<string, Instrument>;
  /**
   * The fallback language's copy of each measure this language has no prompts for, with this
   * language's answer words added (answer-words.ts): a Spanish client asked the English PHQ-9 may
   * answer "a veces". Its questions and options are the fallback's; `instruments` tells which
   * instruments the language has.
   */
  borrowed: Map<string, Instrument>;
  /** Risk phrases of this language (risk.yaml, required); every language's lists screen every text. */
  risk: RiskLists;
}

const SPECIAL_FILES = ["messages.yaml", "risk.yaml"];
/** prompts/profiles holds scoring profiles, not a language. */
export const PROFILES_FOLDER = "profiles";

export interface PromptCatalog {
  languages: Map<string, LanguagePack>;
  fallback: string;
  /**
   * Every scoring profile read, by id, with the measure's name ("phq9" → "PHQ-9"), matched to an
   * instrument or not: a profile without its questionnaire is a measure the clinic has not imported.
   */
  profiles: ReadonlyMap<string, string>;
}

/**
 * Reads and validates every prompts file. Any problem stops start-up with an error that names
 * the file, the line and the field, because a clinic edits these files by hand.
 */
export function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR, fallback = "en"): PromptCatalog {
  const languages = new Map<string, LanguagePack>();
  let entries: string[];
  try {
    entries = readdirSync(dir).filter(
      (name) => name !== PROFILES_FOLDER && statSync(join(dir, name)).isDirectory(),
    );
  } catch (cause) {
    throw new ConfigError(`prompts folder ${dir} cannot be read: ${(cause as Error).message}`, "prompts");
  }
  for (const language of entries.sort()) {
    const langDir = join(dir, language);
    const files = readdirSync(langDir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"));
    if (!files.includes("messages.yaml")) {
      throw new ConfigError(`${display(langDir)}: messages.yaml is missing`, "prompts");
    }
    // A language clients can be spoken to in must have its risk words: without them, a disclosure
    // in that language would go unscreened, and nothing would say so.
    if (!files.includes("risk.yaml")) {
      throw new ConfigError(
        `${display(langDir)}: risk.yaml is missing: the language "${language}" has messages.yaml, so clients can be spoken to in it, but without its risk phrases what they write in it goes unscreened for risk. Add ${language}/risk.yaml (the shipped prompts/en/risk.yaml shows the format), or remove the ${language} folder`,
        "prompts",
      );
    }
    const messages = parseFile(join(langDir, "messages.yaml"), messagesSchema, { language: `${language}/` });
    const instruments = new Map<string, Instrument>();
    const risk = parseFile(join(langDir, "risk.yaml"), riskListsSchema, { language: `${language}/` });
    for (const file of files.filter((f) => !SPECIAL_FILES.includes(f)).sort()) {
      const id = file.replace(/\.ya?ml$/, "");
      const instrument = parseFile(join(langDir, file), instrumentSchema, {
        language: `${language}/`,
        id: file,
      });
      instruments.set(id, instrument);
    }
    // The other languages' number words are added once every language is read (below).
    const words = { ...messages.words, acrossLanguages: new Map<string, number>() };
    languages.set(language, {
      language,
      messages: { ...messages, words },
      instruments,
      borrowed: new Map(),
      risk,
    });
  }
  if (!languages.has(fallback)) {
    throw new ConfigError(`prompts folder ${dir} has no "${fallback}" language folder`, "prompts");
  }
  const profiles = attachProfiles(languages, dir, fallback);
  // With every language read: the number words each may read from the others.
  for (const pack of languages.values()) {
    const acrossLanguages = shippedNumbers(languages, pack.language);
    pack.messages = { ...pack.messages, words: { ...pack.messages.words, acrossLanguages } };
  }
  return { languages, fallback, profiles };
}

/** The scoring profiles a prompts folder is scored by: its own first, then the built-in ones. */
export function profileEntries(dir: string): ProfileEntry[] {
  const builtIn = join(DEFAULT_PROMPTS_DIR, PROFILES_FOLDER);
  const own = join(dir, PROFILES_FOLDER);
  return [...(resolve(own) === resolve(builtIn) ? [] : readProfiles(own)), ...readProfiles(builtIn, true)];
}

/**
 * Matches each instrument of the fallback language to its scoring profile (the clinic's own
 * first, then the built-in ones) and gives every language's copy of it the same profile.
 */
function attachProfiles(
  languages: Map<string, LanguagePack>,
  dir: string,
  fallback: string,
): ReadonlyMap<string, string> {
  const entries = profileEntries(dir);
  const base = languages.get(fallback);
  for (const [id, instrument] of base?.instruments ?? []) {
    const profile = profileFor(id, instrument, entries, fallback);
    if (!profile) continue;
    for (const pack of languages.values()) {
      const copy = pack.instruments.get(id);
      // A copy in another language shares the fallback's values, so its answer codes too.
      const answers = copy?.fhir?.answers ?? instrument.fhir?.answers;
      if (copy)
        pack.instruments.set(id, { ...withAnswerWords(copy, profile, pack.language, answers), profile });
    }
  }
  // With every copy's words in place: a language without a measure's prompts borrows the fallback's.
  for (const pack of languages.values()) {
    for (const [id, instrument] of base?.instruments ?? []) {
      const borrowed = pack.instruments.has(id) ? undefined : borrowedCopy(instrument, pack.language);
      if (borrowed) pack.borrowed.set(id, borrowed);
    }
  }
  // The clinic's own come first and replace a built-in one of the same id.
  return new Map([...entries].reverse().map((e) => [e.profile.id, e.profile.name]));
}
