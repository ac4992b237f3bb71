import { type App, openApp } from "../src/app.js";
import { systemClock } from "../src/clock.js";
import { loadSettings, type Settings } from "../src/config/settings.js";
import { createLogger } from "../src/log.js";
import type { DataKey } from "../src/store/field-crypto.js";

/**
 * Runs one admin command on the clinic's existing database and closes it, even when the command
 * fails. `existing`: a RAPPORT_DB with no file is refused by name rather than created empty, so a
 * mistyped path reads as a mistake, not as a clinic with no therapists. A database of an earlier
 * rapport is refused, naming `rapport migrate`: only serve and migrate change the schema.
 */
export async function withExistingApp<T>(
  run: (app: App, settings: Settings) => Promise<T>,
  options: { settings?: Settings; keys?: readonly DataKey[] } = {},
): Promise<T> {
  const settings = options.settings ?? loadSettings();
  const app = await openApp({
    settings,
    log: createLogger(),
    clock: systemClock,
    existing: true,
    upgrade: false,
    ...(options.keys ? { keys: options.keys } : {}),
  });
  try {
    return await run(app, settings);
  } finally {
    app.store.close();
  }
}
