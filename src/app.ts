import { existsSync, readFileSync } from "node:fs";
import type { Clock } from "./clock.js";
import { newCode } from "./codes.js";
import { demoWarning } from "./config/demo-warning.js";
import { ProblemList } from "./config/problem-list.js";
import type { Settings } from "./config/settings.js";
import { Engine } from "./engine/engine.js";
import type { OnQueued } from "./engine/queued-recipients.js";
import { catalogRiskLists, catalogRiskScreen } from "./engine/risk/screening.js";
import { ConfigError } from "./errors.js";
import type { Logger } from "./log.js";
import { loadPrompts, type PromptCatalog } from "./prompts/load.js";
import { packFor } from "./prompts/render.js";
import { type DataKey, parseDataKey } from "./store/field-crypto.js";
import { PostgresStore } from "./store/postgres/store.js";
import { migratedMessage } from "./store/schema-change.js";
import { requireDbFile } from "./store/sqlite/db-path.js";
import { SqliteStore, widePermissions } from "./store/sqlite/store.js";

export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** The store in use: the SQLite file of RAPPORT_DB, or PostgreSQL at RAPPORT_DATABASE_URL. */
type AppStore = SqliteStore | PostgresStore;

export interface App {
  store: AppStore;
  engine: Engine;
  catalog: PromptCatalog;
}

interface AppOptions {
  settings: Settings;
  log: Logger;
  clock: Clock;
  onQueued?: OnQueued;
  inviteLinks?: (code: string) => string[];
  promptsDir?: string;
  /** Overrides the key of RAPPORT_DATA_KEY (key rotation opens with the new key and the old). */
  keys?: readonly DataKey[];
  /**
   * The long-running process this is ("serve"). On SQLite it takes the file's lock: one server
   * per file, whose worker alone sends. On PostgreSQL, where several servers share one database
   * and claim the rows they send, it only names the connections (`rapport serve <instance>`).
   */
  hold?: string;
  /**
   * The command works on the practice's existing data (status, export, the admin commands): a
   * missing SQLite file is refused rather than created empty (requireDbFile).
   */
  existing?: boolean;
  /**
   * PostgreSQL: this process's instance id, which its connections' name and its claims on outbox
   * rows carry (a random one unless given).
   */
  instance?: string;
  /**
   * Serve and console, where alerts can fall due: a risk.onCall that cannot be registered (the
   * SQLite file is not there yet) is named with the other problems, before the file is created.
   */
  needsOnCall?: boolean;
  /**
   * false: a database at an earlier schema is refused, naming `rapport migrate`, rather than
   * migrated (the admin commands); serve, migrate and the console migrate it, with a log line.
   */
  upgrade?: boolean;
}

/** Loads prompts (failing on a broken file), opens and migrates the database, builds the engine. */
export async function openApp(options: AppOptions): Promise<App> {
  const { settings, log } = options;
  if (settings.demo) log.warn({ demo: true }, demoWarning(settings));
  const promptsDir = options.promptsDir ?? settings.promptsDir;
  const catalog = loadPrompts(promptsDir);
  // Both against the prompts, both named in one run.
  const problems = new ProblemList();
  problems.check(() => checkLanguage(catalog, settings.clinic.clinic.language, promptsDir));
  problems.check(() => checkInstruments(catalog, settings));
  if (options.needsOnCall) problems.check(() => checkOnCallBeforeStore(settings));
  problems.throwIfAny();
  const store = await openStore(options);
  const engine = new Engine(
    store,
    {
      clock: options.clock,
      catalog,
      config: settings.clinic,
      crisisText: settings.crisisText,
      crisisTexts: settings.crisisTexts,
      inviteLinks: options.inviteLinks,
      encryptedAtRest: settings.dataKey !== undefined,
      newCode: () => newCode(),
      log: options.log,
    },
    options.onQueued,
  );
  return { store, engine, catalog };
}

/**
 * Closes the store of a process that sent messages, once its delivery worker has stopped: on
 * PostgreSQL it first gives back this instance's claims on rows it took and did not send, so the
 * other instances send them at once rather than after the lease.
 */
export async function closeAfterSending(store: AppStore, log: Logger): Promise<void> {
  if (store instanceof PostgresStore) {
    await store.releaseClaims().catch((error: unknown) => log.warn({ err: error }, "claims not given back"));
  }
  store.close();
}

/** PostgreSQL when RAPPORT_DATABASE_URL is set, otherwise the SQLite file of RAPPORT_DB. */
async function openStore(options: AppOptions): Promise<AppStore> {
  const { settings, log } = options;
  const keys = options.keys ?? keysOf(settings);
  if (settings.postgres) {
    const store = await PostgresStore.open(settings.postgres.url, options.clock.now(), {
      keys,
      poolSize: settings.postgres.poolSize,
      purpose: options.hold,
      instance: options.instance,
      upgrade: options.upgrade,
    });
    if (store.migrated) log.info(store.migrated, migratedMessage(store.migrated));
    return store;
  }
  if (options.existing) requireDbFile(settings.dbPath);
  const store = SqliteStore.open(settings.dbPath, options.clock.now(), {
    keys,
    hold: options.hold,
    upgrade: options.upgrade,
  });
  if (store.migrated) log.info(store.migrated, migratedMessage(store.migrated));
  const wide = widePermissions(settings.dbPath);
  if (wide.length > 0) {
    // The paths are the clinic's own folder and files, no health data: named, so they can be fixed.
    log.warn(
      { setting: "RAPPORT_DB", paths: wide },
      `the database folder or files can be read by other users of this machine (${wide.join(", ")}): chmod 700 the folder and 600 the files`,
    );
  }
  return store;
}

/** The key of RAPPORT_DATA_KEY, or none (values stored as they are). */
function keysOf(settings: Settings): DataKey[] {
  return settings.dataKey ? [parseDataKey(settings.dataKey)] : [];
}

/**
 * The clinic's language must be one the prompts have: otherwise its clients would silently read
 * the fallback's wording, and risk words in their language would go unscreened.
 */
function checkLanguage(catalog: PromptCatalog, language: string, promptsDir: string | undefined): void {
  if (packFor(catalog, language)) return;
  const have = [...catalog.languages.keys()].sort().join(", ");
  const where = promptsDir ? `the prompts folder ${promptsDir}` : "the shipped prompts";
  throw new ConfigError(
    `clinic.language: no prompts for language "${language}" (languages in ${where}: ${have}); set clinic.language to one of them, or name with RAPPORT_PROMPTS a prompts folder of the clinic's own that has a ${language} folder (its messages, instruments and risk words)`,
    "clinic.language",
  );
}

/** Every instrument the clinic config names must exist in the prompts: checked at start, not at the first check-in. */
function checkInstruments(catalog: PromptCatalog, settings: Settings): void {
  const pack = catalog.languages.get(catalog.fallback);
  const { checkin, risk } = settings.clinic;
  const needed = [...checkin.instruments, ...(risk.safetyQuestion ? ["safety"] : [])];
  const missing = needed.filter((id) => !pack?.instruments.has(id));
  const [first] = missing;
  if (first === undefined) return;
  // Every one missing at once, each with what would help: "GAD-7" is the instrument gad7; a
  // measure rapport scores but the clinic has not imported is imported, not written.
  const problems = missing.map((id) => {
    const plain = id.toLowerCase().replace(/[-_. ]/gu, "");
    const named = plain !== id && pack?.instruments.has(plain) ? `; its id is "${plain}"` : "";
    const measure = named ? undefined : catalog.profiles.get(plain);
    const how = measure
      ? `; rapport scores the ${measure} but does not ship its questionnaire: import it with rapport instrument import (README, "Adding a measure")`
      : "";
    return `no prompts for instrument "${id}" (expected ${catalog.fallback}/${id}.yaml in the prompts folder)${named}${how}`;
  });
  throw new ConfigError(
    `checkin.instruments: ${problems.join("; and ")}`,
    first === "safety" ? "risk.safetyQuestion" : "checkin.instruments",
  );
}

/**
 * The risk path's setup, checked where alerts can fall due (serve, console): an on-call contact
 * who is not registered stops start-up; without one, the log says where unacknowledged alerts go.
 */
/**
 * Builds the risk screen over every language's lists before the server listens, and says so. It is
 * otherwise built on the first message after a start, which then waits the half second it takes.
 */
export function prepareRiskScreen(catalog: PromptCatalog, log: Logger): void {
  const started = performance.now();
  catalogRiskScreen(catalog);
  const lists = catalogRiskLists(catalog);
  log.info(
    {
      languages: lists.map((list) => list.language),
      phrases: lists.reduce((n, list) => n + list.disclosure.length + list.concern.length, 0),
      ms: Math.round(performance.now() - started),
    },
    "risk screen ready",
  );
}

/**
 * What can be known of risk.onCall before the store is opened: on SQLite, no file yet means no
 * therapist registered, so the name is refused before the file is created and migrated. An existing
 * file, or PostgreSQL, can only be asked once open (checkRiskSetup).
 */
function checkOnCallBeforeStore(settings: Settings): void {
  const { onCall } = settings.clinic.risk;
  if (!onCall || settings.postgres || existsSync(settings.dbPath)) return;
  throw new ConfigError(
    `risk.onCall: no therapist named "${onCall}" is registered: the database ${settings.dbPath} (RAPPORT_DB) does not exist yet; register them first with rapport therapist add "${onCall}" (which creates it), or leave risk.onCall out until then`,
    "risk.onCall",
  );
}

export async function checkRiskSetup(engine: Engine, settings: Settings, log: Logger): Promise<void> {
  const status = await engine.onCallStatus();
  if (status === "unknown") {
    throw new ConfigError(
      `risk.onCall: no therapist named "${settings.clinic.risk.onCall}" is registered; add them with rapport therapist add, or correct the name`,
      "risk.onCall",
    );
  }
  if (status === "none") {
    log.warn(
      { setting: "risk.onCall" },
      "no on-call contact is set (risk.onCall): unacknowledged urgent alerts are repeated to the treating therapist",
    );
  }
}
