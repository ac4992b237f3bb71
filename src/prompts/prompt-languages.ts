import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_PROMPTS_DIR, PROFILES_FOLDER } from "./load.js";

/**
 * Whether a prompts folder has a language, read from its folder names alone, before the prompts are
 * loaded: start-up asks it of clinic.language while it checks the settings, so that a setting that
 * depends on the language (a crisis text per language) is not judged against a language that has
 * no prompts, which is named instead. A language is there as itself or by its base ("de-AT": de),
 * as packFor takes it. A folder that cannot be read counts as having it: loading it says why.
 */
export function promptsHaveLanguage(language: string, dir: string = DEFAULT_PROMPTS_DIR): boolean {
  let folders: string[];
  try {
    folders = readdirSync(dir).filter(
      (name) => name !== PROFILES_FOLDER && statSync(join(dir, name)).isDirectory(),
    );
  } catch {
    return true;
  }
  const wanted = language.toLowerCase();
  const base = wanted.split(/[-_]/u)[0] ?? "";
  return folders.some((name) => name.toLowerCase() === wanted || name.toLowerCase() === base);
}
