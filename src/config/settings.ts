import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ConfigError } from "../errors.js";
import { type ClinicConfig, clinicConfigSchema } from "./clinic-config.js";
import { configProblems } from "./config-issues.js";
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

/** Reads the environment and the clinic config; a bad value stops start-up naming the setting. */
export function loadSettings(env: Env = process.env): Settings {
  const platforms: Platforms = {
    telegram: Boolean(env.TELEGRAM_BOT_TOKEN),
    slack: Boolean(env.SLACK_BOT_TOKEN),
    // TEAMS_NO_AUTH=true is TEAMS_NO_AUTH=1, as teamsEnv reads it (it was silently ignored).
    teams: Boolean(env.MicrosoftAppId) || flagSetting(env, "TEAMS_NO_AUTH") === true,
  };
  // A platform's setting without the one it goes with would be ignored: named, not ignored.
  platformPartners(env);
  const anyPlatform = platforms.telegram || platforms.slack || platforms.teams;
  // With no platform configured, rapport is always in demo mode (RAPPORT_DEMO=0 too).
  const demo = flagSetting(env, "RAPPORT_DEMO") === true || !anyPlatform;
  const configPath = env.RAPPORT_CONFIG || undefined;
  const clinic = configPath ? readClinicConfig(configPath) : clinicConfigSchema.parse({});
  const { crisisText, crisisTexts } = crisisSetting(clinic, demo);
  return {
    dbPath: env.RAPPORT_DB || "./data/rapport.db",
    postgres: postgresSettings(env),
    promptsDir: env.RAPPORT_PROMPTS || undefined,
    telegram: env.TELEGRAM_BOT_TOKEN ? telegramEnv(env, env.TELEGRAM_BOT_TOKEN) : undefined,
    slack: env.SLACK_BOT_TOKEN ? slackEnv(env, env.SLACK_BOT_TOKEN) : undefined,
    teams: platforms.teams ? teamsEnv(env, env.HOST || "127.0.0.1") : undefined,
    port: parsePort(env.PORT),
    host: env.HOST || "127.0.0.1",
    configPath,
    dataKey: env.RAPPORT_DATA_KEY || undefined,
    demo,
    platforms,
    clinic,
    crisisText,
    crisisTexts,
  };
}

/** The crisis text, one or one per language; per language, the clinic's own language must be there. */
function crisisSetting(clinic: ClinicConfig, demo: boolean): Pick<Settings, "crisisText" | "crisisTexts"> {
  const set = clinic.clinic.crisisText;
  if (typeof set === "string") return { crisisText: set, crisisTexts: {} };
  if (set === undefined) {
    if (demo) return { crisisText: DEMO_CRISIS_TEXT, crisisTexts: {} };
    throw new ConfigError(
      "clinic.crisisText is not set: outside demo mode rapport needs the clinic's crisis text (emergency number, crisis line) in the file named by RAPPORT_CONFIG",
      "clinic.crisisText",
    );
  }
  const own = set[clinic.clinic.language];
  if (!own) {
    throw new ConfigError(
      `clinic.crisisText is given per language without the clinic's own (clinic.language ${clinic.clinic.language}), which the other languages fall back to: add ${clinic.clinic.language}: "…"`,
      "clinic.crisisText",
    );
  }
  return { crisisText: own, crisisTexts: set };
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

export function readClinicConfig(path: string): ClinicConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8")) ?? {};
  } catch (cause) {
    throw new ConfigError(
      `RAPPORT_CONFIG: ${path} cannot be read as YAML: ${(cause as Error).message}`,
      "RAPPORT_CONFIG",
    );
  }
  const result = clinicConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  // Every mistake at once, each naming its setting.
  const [first, ...more] = configProblems(result.error.issues, raw, clinicConfigSchema).map((p) => ({
    setting: p.setting,
    message: `RAPPORT_CONFIG (${path}): setting "${p.setting}": ${p.message}`,
  }));
  throw new ConfigError(
    first?.message ?? `RAPPORT_CONFIG (${path}): invalid`,
    first?.setting ?? "RAPPORT_CONFIG",
    more,
  );
}
