import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { ConfigError, RapportError } from "../src/errors.js";
import { type ImportOptions, importQuestionnaire } from "../src/instruments/fhir-import.js";
import { type MeasureProfile, readProfiles } from "../src/instruments/profiles.js";
import { DEFAULT_PROMPTS_DIR, loadPrompts, PROFILES_FOLDER } from "../src/prompts/load.js";

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

export function importInstrument(
  file: string,
  options: CommandOptions,
  promptsEnv: string | undefined,
): { text: string; warnings: string[] } {
  const dir = options.prompts ?? promptsEnv;
  if (!dir) {
    throw new ConfigError(
      "the import writes into the clinic's own prompts folder: copy the shipped prompts/ folder, set RAPPORT_PROMPTS to the copy (or give --prompts DIR)",
      "RAPPORT_PROMPTS",
    );
  }
  if (resolve(dir) === resolve(DEFAULT_PROMPTS_DIR)) {
    throw new ConfigError(
      `${dir} is the shipped prompts folder, replaced at each upgrade: copy it and set RAPPORT_PROMPTS to the copy`,
      "RAPPORT_PROMPTS",
    );
  }
  const imported = importQuestionnaire(readJson(file), {
    ...importOptions(options),
    profiles: builtInCodes(),
  });
  const { instrument, warnings } = imported;
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
  try {
    const catalog = loadPrompts(dir);
    profile = catalog.languages.get(instrument.language)?.instruments.get(instrument.id)?.profile;
    if (!catalog.languages.get(catalog.fallback)?.instruments.has(instrument.id)) {
      warnings.push(
        `rapport needs "${instrument.id}" in the ${catalog.fallback} folder too before a check-in can use it`,
      );
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
  return { text: report(instrument, target, profile, join(dir, PROFILES_FOLDER)), warnings };
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

/** The built-in profiles' panel codes: an imported PHQ-9 or GAD-7 gets their id. */
function builtInCodes(): ImportOptions["profiles"] {
  return readProfiles(join(DEFAULT_PROMPTS_DIR, PROFILES_FOLDER), true).map((e) => ({
    id: e.profile.id,
    ...(e.profile.code ? { code: e.profile.code } : {}),
  }));
}

function report(
  inst: ReturnType<typeof importQuestionnaire>["instrument"],
  target: string,
  profile: MeasureProfile | undefined,
  profilesDir: string,
): string {
  const answers = inst.choices ? `${inst.choices.length} answers` : "a number";
  const lines = [
    `Imported "${inst.title}" as instrument ${inst.id}: ${inst.items.length} items, ${answers} from ${inst.scale.min} to ${inst.scale.max}, into ${target}.`,
  ];
  if (profile) {
    const bands = profile.bands.map((b) => `${b.label[profile.fallback]} from ${b.from}`).join(", ");
    const risk = profile.riskItems.map((r) => `${r.item} above ${r.above}`).join(", ") || "none";
    const rules = [profile.ruleMethod ? "rule method" : "", profile.trajectory ? "trajectory" : ""].filter(
      Boolean,
    );
    lines.push(
      `Scoring profile ${profile.id} (${profile.name}, ${profile.file}): ${profile.direction.replace(/_/g, " ")}, total ${profile.range.min} to ${profile.range.max}; bands ${bands}; caseness ${profile.caseness}; reliable change ${profile.reliableChange}; risk items ${risk}; rules: ${rules.join(" and ") || "none"}.`,
    );
  } else {
    lines.push(
      `No scoring profile matched: its answers are kept and shown, without bands or rules. Add ${join(profilesDir, `${inst.id}.yaml`)} to score it (README, "Adding a measure").`,
    );
  }
  lines.push(
    `To ask it, add it to the clinic config (RAPPORT_CONFIG): checkin: instruments: [alliance, progress, ${inst.id}]`,
  );
  return `${lines.join("\n")}\n`;
}
