import { ConfigError } from "../errors.js";
import { ProblemList } from "./problem-list.js";

/**
 * The platforms' environment settings (Telegram, Slack, Teams), each checked as start-up reads it:
 * every problem of a platform's settings at once, in one ConfigError.
 */
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

/**
 * Refuses each platform setting set without its partner, naming both. `noAuth` is TEAMS_NO_AUTH
 * as read: with it the Teams credentials have their own refusal (teamsEnv), and the tenant is kept.
 */
export function platformPartners(env: Env, noAuth: boolean): void {
  const problems = new ProblemList();
  for (const [name, needs] of PARTNERS) {
    if (!env[name] || env[needs] || (noAuth && needs === "MicrosoftAppId")) continue;
    problems.add(
      name,
      `${name} is set without ${needs} (${NEEDED[needs]}), which it needs: set ${needs} too, or unset ${name}`,
    );
  }
  problems.throwIfAny();
}

export function telegramEnv(env: Env, token: string): TelegramEnv {
  const problems = new ProblemList();
  if (!/^\d+:[\w-]+$/.test(token)) {
    problems.add(
      "TELEGRAM_BOT_TOKEN",
      "TELEGRAM_BOT_TOKEN must look like 123456789:ABC-def (the token from @BotFather)",
    );
  }
  const webhookSecret = env.TELEGRAM_WEBHOOK_SECRET || undefined;
  // Telegram allows 1 to 256 characters A-Z, a-z, 0-9, _ and - in the secret token.
  if (webhookSecret !== undefined && !/^[\w-]{1,256}$/.test(webhookSecret)) {
    problems.add(
      "TELEGRAM_WEBHOOK_SECRET",
      "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 letters, digits, _ or -",
    );
  }
  const webhookUrl = env.TELEGRAM_WEBHOOK_URL || undefined;
  // Each mistake on its own: an http:// URL with the secret set is told only about the URL.
  if (webhookUrl !== undefined && !/^https:\/\//.test(webhookUrl)) {
    problems.add("TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_URL must be an https:// URL");
  }
  if (webhookUrl !== undefined && !webhookSecret) {
    problems.add("TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET");
  }
  const apiRoot = env.TELEGRAM_API_ROOT || undefined;
  if (apiRoot !== undefined && !/^https?:\/\/[^\s]+$/.test(apiRoot)) {
    problems.add("TELEGRAM_API_ROOT", "TELEGRAM_API_ROOT must be an http(s) URL");
  }
  problems.throwIfAny();
  return { token, webhookSecret, webhookUrl, apiRoot };
}

export function slackEnv(env: Env, botToken: string): SlackEnv {
  const problems = new ProblemList();
  if (!botToken.startsWith("xoxb-")) {
    problems.add("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN must be the app's bot token (xoxb-...)");
  }
  const signingSecret = env.SLACK_SIGNING_SECRET || undefined;
  const appToken = env.SLACK_APP_TOKEN || undefined;
  if (!signingSecret && !appToken) {
    problems.add(
      "SLACK_SIGNING_SECRET",
      "SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (events at POST /slack/events) or SLACK_APP_TOKEN (Socket Mode)",
    );
  }
  // Both set, the app token was silently ignored (events mode): a clinic that meant Socket Mode
  // got a bot that never received anything. Which one was meant cannot be guessed.
  if (signingSecret && appToken) {
    problems.add(
      "SLACK_APP_TOKEN",
      "SLACK_SIGNING_SECRET and SLACK_APP_TOKEN are both set, and rapport takes Slack's events one way: for Socket Mode (no public URL) unset SLACK_SIGNING_SECRET; for events at POST /slack/events unset SLACK_APP_TOKEN",
    );
  }
  if (appToken !== undefined && !appToken.startsWith("xapp-")) {
    problems.add("SLACK_APP_TOKEN", "SLACK_APP_TOKEN must be an app-level token (xapp-...)");
  }
  let apiUrl = env.SLACK_API_URL || undefined;
  if (apiUrl !== undefined && !/^https?:\/\/\S+$/.test(apiUrl)) {
    problems.add("SLACK_API_URL", "SLACK_API_URL must be an http(s) URL");
  } else if (apiUrl !== undefined && !apiUrl.endsWith("/")) {
    apiUrl = `${apiUrl}/`;
  }
  problems.throwIfAny();
  return { botToken, signingSecret, appToken, apiUrl };
}

const APP_TYPES = ["MultiTenant", "SingleTenant", "UserAssignedMSI"] as const;

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** The Teams settings; `noAuth` is TEAMS_NO_AUTH as read (flagSetting). */
export function teamsEnv(env: Env, host: string, noAuth: boolean): TeamsEnv {
  const problems = new ProblemList();
  const appId = env.MicrosoftAppId || "";
  if (noAuth) {
    // Without credentials botbuilder accepts any request: only ever on this machine.
    if (!LOOPBACK.has(host)) {
      problems.add(
        "TEAMS_NO_AUTH",
        `TEAMS_NO_AUTH=1 turns off Bot Framework authentication, so rapport allows it only on loopback; HOST is "${host}" (use 127.0.0.1 or ::1, or set MicrosoftAppId and MicrosoftAppPassword)`,
      );
    }
    // Credentials next to TEAMS_NO_AUTH would be ignored while the endpoint takes anyone's
    // requests: a clinic that meant to run authenticated must not end up unauthenticated.
    const credential = (["MicrosoftAppId", "MicrosoftAppPassword"] as const).find((name) => env[name]);
    if (credential) {
      problems.add(
        "TEAMS_NO_AUTH",
        `TEAMS_NO_AUTH=1 turns off Bot Framework authentication and cannot be combined with ${credential}: unset TEAMS_NO_AUTH to run authenticated with the credentials, or unset ${credential} for a local test`,
      );
    }
    problems.throwIfAny();
    // The tenant is no credential: kept, so the tenant check can be tried with the Emulator.
    return {
      appId: "",
      appType: "MultiTenant",
      tenantId: env.MicrosoftAppTenantId || undefined,
      noAuth: true,
    };
  }
  const typed = env.MicrosoftAppType || "MultiTenant";
  const appType = APP_TYPES.find((type) => type === typed);
  if (!appType) {
    problems.add(
      "MicrosoftAppType",
      `MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (got "${typed}")`,
    );
  }
  const appPassword = env.MicrosoftAppPassword || undefined;
  if (appType !== "UserAssignedMSI" && !appPassword) {
    problems.add(
      "MicrosoftAppPassword",
      "MicrosoftAppId needs MicrosoftAppPassword (the bot's client secret)",
    );
  }
  const tenantId = env.MicrosoftAppTenantId || undefined;
  // Whether a tenant is needed depends on the type: not asked of a type that is itself refused.
  if (appType && appType !== "MultiTenant" && !tenantId) {
    problems.add("MicrosoftAppTenantId", `MicrosoftAppType ${appType} needs MicrosoftAppTenantId`);
  }
  problems.throwIfAny();
  // An unknown type was refused above: the fallback is never used.
  return { appId, appPassword, appType: appType ?? "MultiTenant", tenantId, noAuth: false };
}
