import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { ConfigError, RapportError } from "../src/errors.js";
import {
  type ImportOptions,
  type ImportProfile,
  importQuestionnaire,
} from "../src/instruments/fhir-import.js";
import type { ProfileFile } from "../src/instruments/profile-schema.js";
import { type MeasureProfile, type ProfileEntry, profileFor } from "../src/instruments/profiles.js";
import { DEFAULT_PROMPTS_DIR, loadPrompts, PROFILES_FOLDER, profileEntries } from "../src/prompts/load.js";
import { type Pending, report } from "./instrument-report.js";

/**
 * `rapport instrument import FILE.json`: a FHIR R4 Questionnaire into the clinic's prompts folder
 * (RAPPORT_PROMPTS, or --prompts), checked by loading the whole folder as start-up would, with
 * its scoring profile matched; a file that does not load is taken back out.
 */
interface CommandOptions {
  id?: string;
  language?: string;
  skip?: string[];
  prompts?: string;
  force?: boolean;
}

export function addInstrumentCommands(program: Command): void {
  program
    .command("instrument")
    .description("the clinic's instruments")
    .command("import")
    .argument("<file>", "a FHIR R4 Questionnaire (JSON)")
    .description("import a FHIR R4 Questionnaire into the clinic's prompts folder as an instrument")
    .option(
      "--id <id>",
      "the instrument id (default: phq9 or gad7 by LOINC code, else the questionnaire's name)",
    )
    .option(
      "--language <code>",
      "the prompts language folder (default: the questionnaire's language, else en)",
    )
    .option("--skip <linkId...>", "leave out these items (an unscored question)")
    .option("--prompts <dir>", "the clinic's prompts folder (default: RAPPORT_PROMPTS)")
    .option("--force", "replace an instrument file of the same id")
    .action((file: string, options: CommandOptions) => {
      const result = importInstrument(file, options, process.env.RAPPORT_PROMPTS);
      process.stdout.write(result.text);
      for (const warning of result.warnings) process.stderr.write(`rapport: warning: ${warning}\n`);
    });
}

function importInstrument(
  file: string,
  options: CommandOptions,
  promptsEnv: string | undefined,
): { text: string; warnings: string[] } {
  const given = options.prompts ?? promptsEnv;
  if (!given) {
    throw new ConfigError(
      "the import writes into the clinic's own prompts folder: copy the shipped prompts/ folder, set RAPPORT_PROMPTS to the copy (or give --prompts DIR)",
      "RAPPORT_PROMPTS",
    );
  }
  // Absolute, so every path the import prints names the same place, wherever it was run from.
  const dir = resolve(given);
  if (dir === resolve(DEFAULT_PROMPTS_DIR)) {
    throw new ConfigError(
      `${given} is the shipped prompts folder, replaced at each upgrade: copy it and set RAPPORT_PROMPTS to the copy`,
      "RAPPORT_PROMPTS",
    );
  }
  const imported = importQuestionnaire(readJson(file), {
    ...importOptions(options),
    profiles: importProfiles(dir),
  });
  const { instrument, warnings, shortNamesFrom } = imported;
  const langDir = join(dir, instrument.language);
  if (!existsSync(join(langDir, "messages.yaml"))) {
    throw new ConfigError(
      `${langDir} has no messages.yaml: the prompts folder needs the "${instrument.language}" language (choose another with --language)`,
      "RAPPORT_PROMPTS",
    );
  }
  if (["messages", "risk"].includes(instrument.id)) {
    throw new RapportError(
      `instrument id "${instrument.id}" is taken by a prompts file: give another with --id`,
      "instrument_import",
    );
  }
  const target = join(langDir, `${instrument.id}.yaml`);
  if (existsSync(target) && !options.force) {
    throw new RapportError(`${target} exists: --force replaces it`, "instrument_import");
  }
  const header = `# Imported from ${basename(file)} with rapport instrument import. The wording is the clinic's copy\n# of the questionnaire; the fhir block keeps its URL, linkIds and codes for the FHIR export.\n`;
  const backup = `${target}.before-import`;
  if (existsSync(target)) renameSync(target, backup);
  writeFileSync(target, header + stringify(instrument, { lineWidth: 0 }));
  let profile: MeasureProfile | undefined;
  let pending: Pending | undefined;
  try {
    const catalog = loadPrompts(dir);
    profile = catalog.languages.get(instrument.language)?.instruments.get(instrument.id)?.profile;
    if (!catalog.languages.get(catalog.fallback)?.instruments.has(instrument.id)) {
      warnings.push(
        `rapport needs "${instrument.id}" in the ${catalog.fallback} folder too before a check-in can use it`,
      );
      pending = pendingProfile(dir, instrument, catalog, warnings);
    }
  } catch (error) {
    rmSync(target, { force: true });
    if (existsSync(backup)) renameSync(backup, target);
    const message = error instanceof Error ? error.message : String(error);
    throw new RapportError(
      `the imported instrument does not load, nothing was changed: ${message}`,
      "instrument_import",
    );
  }
  rmSync(backup, { force: true });
  const scoring = profile ? { profile } : pending ? { pending } : {};
  return {
    text: report({
      inst: instrument,
      target,
      ...scoring,
      shortNamesFrom,
      profilesDir: join(dir, PROFILES_FOLDER),
    }),
    warnings,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new RapportError(
      `${file} cannot be read as JSON: ${(cause as Error).message}`,
      "instrument_import",
      { cause },
    );
  }
}

function importOptions(o: CommandOptions): ImportOptions {
  return {
    ...(o.id ? { id: o.id } : {}),
    ...(o.language ? { language: o.language } : {}),
    skip: o.skip ?? [],
  };
}

/**
 * The profiles the folder is scored by (the clinic's own replacing a built-in one of the same id):
 * by panel code an imported PHQ-9 or GAD-7 gets their id, and its profile names its items.
 */
function importProfiles(dir: string): ImportProfile[] {
  const entries = profileEntries(dir);
  const seen = new Set<string>();
  return entries.flatMap(({ profile: p }) => {
    if (seen.has(p.id)) return [];
    seen.add(p.id);
    return [
      {
        id: p.id,
        shortNames: p.shortNames.length ? p.shortNames : builtInNames(entries, p),
        ...(p.code ? { code: p.code } : {}),
        ...(p.instrument ? { instrument: p.instrument } : {}),
      },
    ];
  });
}

/**
 * A clinic's copy of a shipped profile (copied with the prompts folder, before the shipped one
 * had short names) names its items as the shipped one does, if it scores the same panel.
 */
function builtInNames(entries: readonly ProfileEntry[], own: ProfileFile): ProfileFile["shortNames"] {
  const shipped = entries.find((e) => e.builtIn && e.profile.id === own.id)?.profile;
  const same =
    shipped?.code && own.code?.code === shipped.code.code && own.code.system === shipped.code.system;
  return same ? shipped.shortNames : [];
}

/**
 * A copy in another language is scored by the profile of the fallback's copy (load.ts): until
 * that exists, the profile that will apply, matched to this copy as start-up will match it there.
 */
function pendingProfile(
  dir: string,
  { id, language }: { id: string; language: string },
  catalog: ReturnType<typeof loadPrompts>,
  warnings: string[],
): Pending | undefined {
  const copy = catalog.languages.get(language)?.instruments.get(id);
  if (!copy) return undefined;
  try {
    const profile = profileFor(id, copy, profileEntries(dir), catalog.fallback);
    return profile ? { profile, fallback: catalog.fallback } : undefined;
  } catch (error) {
    warnings.push(
      `its scoring profile does not fit it, so start-up will stop once "${id}" is in the ${catalog.fallback} folder: ${(error as Error).message}`,
    );
    return undefined;
  }
}
