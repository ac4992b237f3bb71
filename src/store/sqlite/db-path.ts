import { closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../../errors.js";

/**
 * Makes RAPPORT_DB's file ready to open: its folder created (0700) and the file (0600) when
 * missing. A path SQLite could not use is a configuration error naming RAPPORT_DB and what is
 * wrong with it: a folder given for the file, or a parent on the way that is a file.
 */
export function prepareDbFile(path: string): void {
  if (path === ":memory:") return;
  if (existsSync(path)) {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      throw new ConfigError(
        `RAPPORT_DB is ${path}, a folder, not a file: name the database file, for example ${join(path, "rapport.db")}`,
        "RAPPORT_DB",
      );
    }
    if (!stat.isFile()) {
      throw new ConfigError(`RAPPORT_DB is ${path}, which is not a regular file`, "RAPPORT_DB");
    }
    return;
  }
  requireFolderOnTheWay(path);
  try {
    if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, "a", 0o600));
  } catch (cause) {
    throw new ConfigError(
      `RAPPORT_DB is ${path}, which cannot be created: ${(cause as Error).message}`,
      "RAPPORT_DB",
    );
  }
}

/**
 * For a command that works on the practice's data (status, export, the admin commands): a
 * RAPPORT_DB that names no file is a typo or a shell without the variable, not a new practice.
 * Creating an empty database there would answer "Therapists: 0" or a header-only export as if it
 * were the clinic's, so it is refused, naming the setting and the path.
 */
export function requireDbFile(path: string): void {
  if (path === ":memory:" || existsSync(path)) return;
  // A path under a file is told as start-up tells it: the more exact mistake.
  requireFolderOnTheWay(path);
  const full = resolve(path) === path ? "" : `, that is ${resolve(path)}`;
  throw new ConfigError(
    `RAPPORT_DB is ${path}${full} (./data/rapport.db when RAPPORT_DB is unset), and there is no database file there. This command reads the practice's existing database and creates none: set RAPPORT_DB to the file rapport serve uses.`,
    "RAPPORT_DB",
  );
}

/** The nearest part of the path that is there must be a folder for the rest to be created in it. */
function requireFolderOnTheWay(path: string): void {
  let parent = dirname(path);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  if (existsSync(parent) && !statSync(parent).isDirectory()) {
    throw new ConfigError(
      `RAPPORT_DB is ${path}, but ${parent} is a file, not a folder, so the database cannot be created there`,
      "RAPPORT_DB",
    );
  }
}
