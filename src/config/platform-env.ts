import { ConfigError } from "../errors.js";

/** The platforms' environment settings (Telegram, Slack, Teams), each checked as start-up reads it. */
type Env = Record<string, string | undefined>;

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

/** A 1/0 (true/false) setting: unset or empty is undefined, anything else is refused naming it. */
export function flagSetting(env: Env, name: string): boolean | undefined {
  const raw = (env[name] ?? "").trim().toLowerCase();
  if (raw === "") return undefined;
  if (raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new ConfigError(`${name} must be 1 or 0 (got "${env[name]}")`, name);
}

/**
 * Each platform setting with the one it needs: set alone it would be ignored, and rapport would
 * start with no channel, in demo mode, saying nothing.
 */
const PARTNERS: readonly (readonly [string, string])[] = [
  ["TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_BOT_TOKEN"],
  ["TELEGRAM_WEBHOOK_URL", "TELEGRAM_BOT_TOKEN"],
  ["TELEGRAM_API_ROOT", "TELEGRAM_BOT_TOKEN"],
  ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"],
  ["SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"],
  ["SLACK_API_URL", "SLACK_BOT_TOKEN"],
  ["MicrosoftAppPassword", "MicrosoftAppId"],
  ["MicrosoftAppType", "MicrosoftAppId"],
  ["MicrosoftAppTenantId", "MicrosoftAppId"],
];

const NEEDED: Readonly<Record<string, string>> = {
  TELEGRAM_BOT_TOKEN: "the bot's token from @BotFather",
  SLACK_BOT_TOKEN: "the app's bot token, xoxb-...",
  MicrosoftAppId: "the Azure Bot's Microsoft App ID",
};

/** Refuses a platform setting set without its partner, naming both. */
export function platformPartners(env: Env): void {
  // With TEAMS_NO_AUTH the Teams credentials have their own refusal (teamsEnv), and the tenant is kept.
  const noAuth = flagSetting(env, "TEAMS_NO_AUTH") === true;
  for (const [name, needs] of PARTNERS) {
    if (!env[name] || env[needs] || (noAuth && needs === "MicrosoftAppId")) continue;
    throw new ConfigError(
      `${name} is set without ${needs} (${NEEDED[needs]}), which it needs: set ${needs} too, or unset ${name}`,
      name,
    );
  }
}

export function telegramEnv(env: Env, token: string): TelegramEnv {
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

export function slackEnv(env: Env, botToken: string): SlackEnv {
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

export function teamsEnv(env: Env, host: string): TeamsEnv {
  const noAuth = flagSetting(env, "TEAMS_NO_AUTH") === true;
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
