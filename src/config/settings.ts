import { ConfigError } from "../errors.js";
import { logLevel } from "../log.js";
import { promptsHaveLanguage } from "../prompts/prompt-languages.js";
import { parseDataKey } from "../store/field-crypto.js";
import { type ClinicConfig, clinicConfigSchema } from "./clinic-config.js";
import { type ClinicConfigRead, readClinicConfig } from "./config-file.js";
import { type PostgresSettings, postgresSettings } from "./database.js";
import {
  flagSetting,
  platformPartners,
  type SlackEnv,
  slackEnv,
  type TeamsEnv,
  type TelegramEnv,
  teamsEnv,
  telegramEnv,
} from "./platform-env.js";
import { ProblemList } from "./problem-list.js";

export type { SlackEnv, TeamsEnv, TelegramEnv };

/** Marked so that nobody mistakes it for a real clinic's crisis text. */
export const DEMO_CRISIS_TEXT =
  "[DEMO SAMPLE TEXT: a clinic sets its own] If you are in danger now, call your local emergency number (112 in the EU, 911 in the US, 999 in the UK).";

export interface Platforms {
  telegram: boolean;
  slack: boolean;
  teams: boolean;
}

export interface Settings {
  dbPath: string;
  /** RAPPORT_DATABASE_URL (and RAPPORT_DATABASE_POOL): PostgreSQL instead of the SQLite file. */
  postgres?: PostgresSettings;
  teams?: TeamsEnv;
  slack?: SlackEnv;
  /** A clinic's own prompts folder (RAPPORT_PROMPTS), for example with licensed wording. */
  promptsDir?: string;
  telegram?: TelegramEnv;
  port: number;
  host: string;
  configPath?: string;
  dataKey?: string;
  demo: boolean;
  platforms: Platforms;
  clinic: ClinicConfig;
  /** The crisis text in force: the clinic's (in its language), or in a demo the marked sample. */
  crisisText: string;
  /** The clinic's crisis text in other languages, when it wrote one per language. */
  crisisTexts: Readonly<Record<string, string>>;
}

type Env = Record<string, string | undefined>;

/**
 * Reads the environment and the clinic config. A bad value stops start-up naming the setting, and
 * every other bad value found with it: each check runs, and they stop start-up together.
 */
export function loadSettings(env: Env = process.env): Settings {
  const problems = new ProblemList();
  // Also checked when the first logger is made (adapters/main.ts), which names these problems with it.
  problems.check(() => logLevel(env.LOG_LEVEL));
  // TEAMS_NO_AUTH=true is TEAMS_NO_AUTH=1, as teamsEnv reads it (it was silently ignored).
  const noAuth = problems.check(() => flagSetting(env, "TEAMS_NO_AUTH")) === true;
  const platforms: Platforms = {
    telegram: Boolean(env.TELEGRAM_BOT_TOKEN),
    slack: Boolean(env.SLACK_BOT_TOKEN),
    teams: Boolean(env.MicrosoftAppId) || noAuth,
  };
  // A platform's setting without the one it goes with would be ignored: named, not ignored.
  problems.check(() => platformPartners(env, noAuth));
  const anyPlatform = platforms.telegram || platforms.slack || platforms.teams;
  const demoFlag = problems.check(() => flagSetting(env, "RAPPORT_DEMO") ?? false);
  // With no platform configured, rapport is always in demo mode (RAPPORT_DEMO=0 too). An
  // unreadable RAPPORT_DEMO counts as a demo here: the crisis text, which only a demo may go
  // without, is then not asked for on top of it.
  const demo = demoFlag !== false || !anyPlatform;
  const configPath = env.RAPPORT_CONFIG || undefined;
  const read = configPath ? readClinicConfig(configPath, problems) : defaultConfig();
  const section = read.clinic;
  // Skipped when the clinic section itself has a mistake, which is named instead. A crisis text per
  // language is not asked for a clinic.language without prompts: that is named first (openApp,
  // with the instruments), not "add fr:" and then, once added, "fr has no prompts".
  const hasPrompts = section
    ? promptsHaveLanguage(section.language, env.RAPPORT_PROMPTS || undefined)
    : false;
  const crisis = section ? problems.check(() => crisisSetting(section, demo, hasPrompts)) : undefined;
  const host = env.HOST || "127.0.0.1";
  const { TELEGRAM_BOT_TOKEN: telegramToken, SLACK_BOT_TOKEN: slackToken } = env;
  const settings = {
    dbPath: env.RAPPORT_DB || "./data/rapport.db",
    postgres: problems.check(() => postgresSettings(env)),
    promptsDir: env.RAPPORT_PROMPTS || undefined,
    telegram: telegramToken ? problems.check(() => telegramEnv(env, telegramToken)) : undefined,
    slack: slackToken ? problems.check(() => slackEnv(env, slackToken)) : undefined,
    teams: platforms.teams ? problems.check(() => teamsEnv(env, host, noAuth)) : undefined,
    port: problems.check(() => parsePort(env.PORT)),
    host,
    configPath,
    dataKey: problems.check(() => dataKeySetting(env.RAPPORT_DATA_KEY)),
    demo,
    platforms,
  };
  problems.throwIfAny();
  // Every value is there once nothing was refused.
  if (!read.config || !crisis || settings.port === undefined) {
    throw new Error("unreachable: a setting is missing though no problem was found");
  }
  return { ...settings, port: settings.port, clinic: read.config, ...crisis };
}

/** Every problem of the settings, LOG_LEVEL's included, or undefined when there is none. */
export function settingsProblems(env: Env = process.env): ConfigError | undefined {
  try {
    loadSettings(env);
    return undefined;
  } catch (error) {
    return error instanceof ConfigError ? error : undefined;
  }
}

/** The crisis text, one or one per language; per language, the clinic's own language must be there. */
function crisisSetting(
  clinic: ClinicConfig["clinic"],
  demo: boolean,
  languageHasPrompts: boolean,
): Pick<Settings, "crisisText" | "crisisTexts"> {
  const set = clinic.crisisText;
  if (typeof set === "string") return { crisisText: set, crisisTexts: {} };
  if (set === undefined) {
    if (demo) return { crisisText: DEMO_CRISIS_TEXT, crisisTexts: {} };
    throw new ConfigError(
      "clinic.crisisText is not set: outside demo mode rapport needs the clinic's crisis text (emergency number, crisis line) in the file named by RAPPORT_CONFIG",
      "clinic.crisisText",
    );
  }
  const own = set[clinic.language];
  if (!own && !languageHasPrompts) {
    // Never in force: openApp refuses a clinic.language without prompts before anything is built.
    return { crisisText: Object.values(set)[0] ?? "", crisisTexts: set };
  }
  if (!own) {
    throw new ConfigError(
      `clinic.crisisText is given per language without the clinic's own (clinic.language ${clinic.language}), which the other languages fall back to: add ${clinic.language}: "…"`,
      "clinic.crisisText",
    );
  }
  return { crisisText: own, crisisTexts: set };
}

/**
 * RAPPORT_DATA_KEY as given (a key, or a file's path), checked here with every other setting: it
 * was checked only when the database opened, so a bad key came to light a start after the rest.
 */
function dataKeySetting(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  parseDataKey(raw);
  return raw;
}

function defaultConfig(): ClinicConfigRead {
  const config = clinicConfigSchema.parse({});
  return { config, clinic: config.clinic };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 3978;
  const port = Number(raw);
  // Plain digits only: Number() would also read " " as 0 and "0x50" as 80.
  if (!/^\d{1,5}$/.test(raw) || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${raw}")`, "PORT");
  }
  return port;
}
