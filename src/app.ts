import { readFileSync } from "node:fs";
import type { Clock } from "./clock.js";
import { newCode } from "./codes.js";
import type { Settings } from "./config/settings.js";
import { Engine } from "./engine/engine.js";
import type { Logger } from "./log.js";
import { loadPrompts } from "./prompts/load.js";
import { SqliteStore } from "./store/sqlite-store.js";

export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

export interface App {
  store: SqliteStore;
  engine: Engine;
}

export interface AppOptions {
  settings: Settings;
  log: Logger;
  clock: Clock;
  onQueued?: () => void;
  inviteLinks?: (code: string) => string[];
  promptsDir?: string;
}

/** Loads prompts (failing on a broken file), opens and migrates the database, builds the engine. */
export function openApp(options: AppOptions): App {
  const { settings, log } = options;
  if (settings.demo) {
    log.warn(
      { demo: true },
      "DEMO MODE: for trying rapport out only; sample crisis text and no encryption key. Set a platform token and RAPPORT_CONFIG for real use.",
    );
  }
  const catalog = loadPrompts(options.promptsDir ?? settings.promptsDir);
  const store = SqliteStore.open(settings.dbPath, options.clock.now());
  const engine = new Engine(
    store,
    {
      clock: options.clock,
      catalog,
      clinic: settings.clinic,
      crisisText: settings.crisisText,
      inviteLinks: options.inviteLinks,
      newCode: () => newCode(),
    },
    options.onQueued,
  );
  return { store, engine };
}
