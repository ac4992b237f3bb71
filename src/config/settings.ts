import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ConfigError } from "../errors.js";
import { type ClinicConfig, clinicConfigSchema } from "./clinic-config.js";
import { type PostgresSettings, postgresSettings } from "./database.js";

/** Marked so that nobody mistakes it for a real clinic's crisis text. */
export const DEMO_CRISIS_TEXT =
  "[DEMO SAMPLE TEXT: a clinic sets its own] If you are in danger now, call your local emergency number (112 in the EU, 911 in the US, 999 in the UK).";

export interface Platforms {
  telegram: boolean;
  slack: boolean;
  teams: boolean;
}

export interface TelegramEnv {
  token: string;
  webhookSecret?: string;
  webhookUrl?: string;
  apiRoot?: string;
}

export interface SlackEnv {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
}

export interface TeamsEnv {
  appId: string;
  appPassword?: string;
  appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  /** MicrosoftAppTenantId: the single tenant's id; when set, only its activities are accepted. */
  tenantId?: string;
  /** TEAMS_NO_AUTH=1: no token check (local tests, the Bot Framework Emulator), loopback only. */
  noAuth: boolean;
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
    teams: Boolean(env.MicrosoftAppId) || env.TEAMS_NO_AUTH === "1",
  };
  const anyPlatform = platforms.telegram || platforms.slack || platforms.teams;
  const demo = parseFlag(env, "RAPPORT_DEMO") || !anyPlatform;
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

function parseFlag(env: Env, name: string): boolean {
  const raw = (env[name] ?? "").trim().toLowerCase();
  if (raw === "" || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new ConfigError(`${name} must be 1 or 0 (got "${env[name]}")`, name);
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
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || "(top level)";
  throw new ConfigError(
    `RAPPORT_CONFIG (${path}): setting "${field}": ${issue?.message ?? "invalid"}`,
    field,
  );
}

function telegramEnv(env: Env, token: string): TelegramEnv {
  if (!/^\d+:[\w-]+$/.test(token)) {
    throw new ConfigError(
      "TELEGRAM_BOT_TOKEN must look like 123456789:ABC-def (the token from @BotFather)",
      "TELEGRAM_BOT_TOKEN",
    );
  }
  const webhookSecret = env.TELEGRAM_WEBHOOK_SECRET || undefined;
  // Telegram allows 1 to 256 characters A-Z, a-z, 0-9, _ and - in the secret token.
  if (webhookSecret !== undefined && !/^[\w-]{1,256}$/.test(webhookSecret)) {
    throw new ConfigError(
      "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 letters, digits, _ or -",
      "TELEGRAM_WEBHOOK_SECRET",
    );
  }
  const webhookUrl = env.TELEGRAM_WEBHOOK_URL || undefined;
  if (webhookUrl !== undefined && (!webhookSecret || !/^https:\/\//.test(webhookUrl))) {
    throw new ConfigError(
      "TELEGRAM_WEBHOOK_URL must be an https:// URL and needs TELEGRAM_WEBHOOK_SECRET",
      "TELEGRAM_WEBHOOK_URL",
    );
  }
  const apiRoot = env.TELEGRAM_API_ROOT || undefined;
  if (apiRoot !== undefined && !/^https?:\/\/[^\s]+$/.test(apiRoot)) {
    throw new ConfigError("TELEGRAM_API_ROOT must be an http(s) URL", "TELEGRAM_API_ROOT");
  }
  return { token, webhookSecret, webhookUrl, apiRoot };
}

function slackEnv(env: Env, botToken: string): SlackEnv {
  if (!botToken.startsWith("xoxb-")) {
    throw new ConfigError("SLACK_BOT_TOKEN must be the app's bot token (xoxb-...)", "SLACK_BOT_TOKEN");
  }
  const signingSecret = env.SLACK_SIGNING_SECRET || undefined;
  const appToken = env.SLACK_APP_TOKEN || undefined;
  if (!signingSecret && !appToken) {
    throw new ConfigError(
      "SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (events at POST /slack/events) or SLACK_APP_TOKEN (Socket Mode)",
      "SLACK_SIGNING_SECRET",
    );
  }
  if (appToken !== undefined && !appToken.startsWith("xapp-")) {
    throw new ConfigError("SLACK_APP_TOKEN must be an app-level token (xapp-...)", "SLACK_APP_TOKEN");
  }
  let apiUrl = env.SLACK_API_URL || undefined;
  if (apiUrl !== undefined) {
    if (!/^https?:\/\/\S+$/.test(apiUrl))
      throw new ConfigError("SLACK_API_URL must be an http(s) URL", "SLACK_API_URL");
    if (!apiUrl.endsWith("/")) apiUrl = `${apiUrl}/`;
  }
  return { botToken, signingSecret, appToken, apiUrl };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

function teamsEnv(env: Env, host: string): TeamsEnv {
  const noAuth = parseFlag(env, "TEAMS_NO_AUTH");
  const appId = env.MicrosoftAppId || "";
  if (noAuth) {
    // Without credentials botbuilder accepts any request: only ever on this machine.
    if (!LOOPBACK.has(host)) {
      throw new ConfigError(
        `TEAMS_NO_AUTH=1 turns off Bot Framework authentication, so rapport allows it only on loopback; HOST is "${host}" (use 127.0.0.1 or ::1, or set MicrosoftAppId and MicrosoftAppPassword)`,
        "TEAMS_NO_AUTH",
      );
    }
    // Credentials next to TEAMS_NO_AUTH would be ignored while the endpoint takes anyone's
    // requests: a clinic that meant to run authenticated must not end up unauthenticated.
    const credential = (["MicrosoftAppId", "MicrosoftAppPassword"] as const).find((name) => env[name]);
    if (credential) {
      throw new ConfigError(
        `TEAMS_NO_AUTH=1 turns off Bot Framework authentication and cannot be combined with ${credential}: unset TEAMS_NO_AUTH to run authenticated with the credentials, or unset ${credential} for a local test`,
        "TEAMS_NO_AUTH",
      );
    }
    // The tenant is no credential: kept, so the tenant check can be tried with the Emulator.
    return {
      appId: "",
      appType: "MultiTenant",
      tenantId: env.MicrosoftAppTenantId || undefined,
      noAuth: true,
    };
  }
  const appType = env.MicrosoftAppType || "MultiTenant";
  if (appType !== "MultiTenant" && appType !== "SingleTenant" && appType !== "UserAssignedMSI") {
    throw new ConfigError(
      `MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (got "${appType}")`,
      "MicrosoftAppType",
    );
  }
  const appPassword = env.MicrosoftAppPassword || undefined;
  if (appType !== "UserAssignedMSI" && !appPassword) {
    throw new ConfigError(
      "MicrosoftAppId needs MicrosoftAppPassword (the bot's client secret)",
      "MicrosoftAppPassword",
    );
  }
  const tenantId = env.MicrosoftAppTenantId || undefined;
  if (appType !== "MultiTenant" && !tenantId) {
    throw new ConfigError(`MicrosoftAppType ${appType} needs MicrosoftAppTenantId`, "MicrosoftAppTenantId");
  }
  return { appId, appPassword, appType, tenantId, noAuth: false };
}
