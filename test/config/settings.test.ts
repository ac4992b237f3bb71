import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CRISIS_TEXT, loadSettings } from "../../src/config/settings.js";
import { ConfigError } from "../../src/errors.js";

/** A platform token so that rapport is not in demo mode; a dummy, never used to connect. */
const PLATFORM = { TELEGRAM_BOT_TOKEN: "123456:dummy-token-for-tests" };

function settingsError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("loadSettings did not throw");
}

describe("loadSettings without a config file", () => {
  it("runs as a demo with the defaults for an empty environment", () => {
    const settings = loadSettings({});
    expect(settings.demo).toBe(true);
    expect(settings.port).toBe(3978);
    expect(settings.host).toBe("127.0.0.1");
    expect(settings.dbPath).toBe("./data/rapport.db");
    expect(settings.crisisText).toBe(DEMO_CRISIS_TEXT);
    expect(settings.crisisText).toContain("DEMO");
    expect(settings.configPath).toBeUndefined();
    expect(settings.dataKey).toBeUndefined();
    expect(settings.platforms).toEqual({ telegram: false, slack: false, teams: false });
    expect(settings.clinic.clinic.timeZone).toBe("UTC");
    expect(settings.clinic.thresholds.allianceConcern).toBe(36);
  });

  it("treats empty strings as unset", () => {
    const settings = loadSettings({
      PORT: "",
      HOST: "",
      RAPPORT_DB: "",
      RAPPORT_CONFIG: "",
      RAPPORT_DEMO: "",
    });
    expect(settings.port).toBe(3978);
    expect(settings.host).toBe("127.0.0.1");
    expect(settings.dbPath).toBe("./data/rapport.db");
    expect(settings.configPath).toBeUndefined();
    expect(settings.demo).toBe(true);
  });

  it("reads PORT, HOST, RAPPORT_DB and RAPPORT_DATA_KEY", () => {
    const settings = loadSettings({
      PORT: "8080",
      HOST: "0.0.0.0",
      RAPPORT_DB: "/tmp/x.db",
      RAPPORT_DATA_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(settings.port).toBe(8080);
    expect(settings.host).toBe("0.0.0.0");
    expect(settings.dbPath).toBe("/tmp/x.db");
    expect(settings.dataKey).toBe(Buffer.alloc(32, 7).toString("base64"));
  });

  it.each(["0", "65535"])("accepts PORT %s", (port) => {
    expect(loadSettings({ PORT: port }).port).toBe(Number(port));
  });

  it.each(["abc", "70000", "65536", "-1", "80.5", " ", "0x50", "1e3"])(
    "refuses PORT %j naming PORT",
    (port) => {
      const error = settingsError({ PORT: port });
      expect(error.setting).toBe("PORT");
      expect(error.message).toContain("PORT");
      expect(error.message).toContain(port);
    },
  );

  it.each(["1", "true", "TRUE", " 1 "])("reads RAPPORT_DEMO %j with a platform as demo mode", (flag) => {
    expect(loadSettings({ ...PLATFORM, RAPPORT_DEMO: flag }).demo).toBe(true);
  });

  it.each(["0", "false", "False"])("reads RAPPORT_DEMO %j with a platform as no demo mode", (flag) => {
    // Outside demo mode the crisis text is required, so this stops at clinic.crisisText.
    expect(settingsError({ ...PLATFORM, RAPPORT_DEMO: flag }).setting).toBe("clinic.crisisText");
  });

  it.each(["0", "false"])("keeps demo mode without any platform even with RAPPORT_DEMO=%s", (flag) => {
    expect(loadSettings({ RAPPORT_DEMO: flag }).demo).toBe(true);
  });

  it.each(["maybe", "yes", "2"])("refuses RAPPORT_DEMO %j naming it", (flag) => {
    const error = settingsError({ RAPPORT_DEMO: flag });
    expect(error.setting).toBe("RAPPORT_DEMO");
    expect(error.message).toContain("RAPPORT_DEMO");
    expect(error.message).toContain(flag);
  });

  it("sees which platforms are configured", () => {
    expect(loadSettings({ ...PLATFORM, RAPPORT_DEMO: "1" }).platforms).toEqual({
      telegram: true,
      slack: false,
      teams: false,
    });
    expect(
      loadSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", RAPPORT_DEMO: "1" }).platforms
        .slack,
    ).toBe(true);
    expect(
      loadSettings({ MicrosoftAppId: "x", MicrosoftAppPassword: "p", RAPPORT_DEMO: "1" }).platforms.teams,
    ).toBe(true);
    expect(loadSettings({ TEAMS_NO_AUTH: "1", RAPPORT_DEMO: "1" }).platforms.teams).toBe(true);
    // TEAMS_NO_AUTH=true is TEAMS_NO_AUTH=1, as every 1/0 setting reads it; it was ignored.
    expect(loadSettings({ TEAMS_NO_AUTH: "true", RAPPORT_DEMO: "1" }).teams?.noAuth).toBe(true);
  });

  it("refuses a platform without RAPPORT_CONFIG, naming clinic.crisisText", () => {
    const error = settingsError(PLATFORM);
    expect(error.setting).toBe("clinic.crisisText");
    expect(error.message).toContain("clinic.crisisText");
  });

  it("uses the demo crisis text for a platform in explicit demo mode", () => {
    const settings = loadSettings({ ...PLATFORM, RAPPORT_DEMO: "1" });
    expect(settings.demo).toBe(true);
    expect(settings.crisisText).toBe(DEMO_CRISIS_TEXT);
  });
});

describe("loadSettings with RAPPORT_CONFIG", () => {
  let dir: string;
  let configPath: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-settings-"));
    configPath = join(dir, "clinic.yaml");
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function withConfig(yaml: string, env: Record<string, string> = PLATFORM) {
    writeFileSync(configPath, yaml);
    return { ...env, RAPPORT_CONFIG: configPath };
  }

  it("uses the clinic's crisis text and leaves demo mode", () => {
    const text = "Call 112 in an emergency, or the Example crisis line on 0800 000 000.";
    const settings = loadSettings(withConfig(`clinic:\n  name: Example Practice\n  crisisText: "${text}"\n`));
    expect(settings.demo).toBe(false);
    expect(settings.crisisText).toBe(text);
    expect(settings.configPath).toBe(configPath);
    expect(settings.clinic.clinic.name).toBe("Example Practice");
    expect(settings.clinic.clinic.timeZone).toBe("UTC");
    expect(settings.clinic.thresholds).toEqual({
      allianceConcern: 36,
      allianceDrop: 1,
      allianceClearFall: 5,
      allianceItem: 9,
      progressReliableChange: 5,
      cutoffs: { adult: 25, adolescent: 28, child: 32 },
    });
    expect(settings.clinic.ruleMethod).toEqual({ noChangeAt: 4, changePlanAt: 8 });
    expect(settings.clinic.trajectory).toEqual({ b0: 1.4, b1: 0.34, sigma: 5.5, z: 1.28, onTrackWidth: 0.5 });
    expect(settings.clinic.calibration).toEqual({ minEpisodes: 50, minCheckins: 3 });
    expect(settings.clinic.risk).toEqual({
      safetyQuestion: true,
      escalateAfterMinutes: 30,
      repeatMinutes: 30,
      repeatMaxMinutes: 240,
    });
  });

  it("takes a crisis text per language, the clinic's own language as the one in force", () => {
    const settings = loadSettings(
      withConfig('clinic:\n  language: de\n  crisisText:\n    de: "Notruf 112."\n    en: "Call 112."\n'),
    );
    expect(settings.crisisText).toBe("Notruf 112.");
    expect(settings.crisisTexts).toEqual({ de: "Notruf 112.", en: "Call 112." });
  });

  it("refuses crisis texts per language without the clinic's own, naming clinic.crisisText", () => {
    const error = settingsError(withConfig('clinic:\n  crisisText:\n    de: "Notruf 112."\n'));
    expect(error.setting).toBe("clinic.crisisText");
    expect(error.message).toContain("clinic.language en");
    expect(settingsError(withConfig('clinic:\n  crisisText:\n    English: "Call 112."\n')).message).toContain(
      "clinic.crisisText",
    );
    expect(settingsError(withConfig("clinic:\n  crisisText:\n    en: ''\n")).message).toContain(
      "clinic.crisisText",
    );
  });

  it("prefers the clinic's crisis text in demo mode too", () => {
    const settings = loadSettings(withConfig("clinic:\n  crisisText: Call 999.\n", {}));
    expect(settings.demo).toBe(true);
    expect(settings.crisisText).toBe("Call 999.");
  });

  it("reads changed thresholds and a time zone", () => {
    const settings = loadSettings(
      withConfig(
        "clinic:\n  crisisText: Call 112.\n  timeZone: Europe/Berlin\nthresholds:\n  allianceConcern: 30\n",
      ),
    );
    expect(settings.clinic.clinic.timeZone).toBe("Europe/Berlin");
    expect(settings.clinic.thresholds.allianceConcern).toBe(30);
    expect(settings.clinic.thresholds.allianceItem).toBe(9);
  });

  it("still needs the crisis text outside demo mode", () => {
    const error = settingsError(withConfig("clinic:\n  name: Example Practice\n"));
    expect(error.setting).toBe("clinic.crisisText");
  });

  it("refuses a crisis text of only spaces", () => {
    const error = settingsError(withConfig('clinic:\n  crisisText: "   "\n'));
    expect(error.setting).toBe("clinic.crisisText");
    expect(error.message).toContain("clinic.crisisText");
  });

  it("refuses a threshold that is not a number, naming it", () => {
    const error = settingsError(
      withConfig("clinic:\n  crisisText: Call 112.\nthresholds:\n  allianceConcern: high\n"),
    );
    expect(error.setting).toBe("thresholds.allianceConcern");
    expect(error.message).toContain("thresholds.allianceConcern");
    expect(error.message).toContain(configPath);
  });

  it("refuses an unknown key at the top level", () => {
    const error = settingsError(withConfig("clinic:\n  crisisText: Call 112.\ncolour: blue\n"));
    expect(error.message).toContain("colour");
  });

  it("refuses an unknown key inside a section, naming the section", () => {
    const error = settingsError(withConfig("clinic:\n  crisisText: Call 112.\n  colour: blue\n"));
    expect(error.setting).toBe("clinic");
    expect(error.message).toContain("colour");
  });

  it("refuses a time zone that does not exist", () => {
    const error = settingsError(withConfig("clinic:\n  crisisText: Call 112.\n  timeZone: Mars/Olympus\n"));
    expect(error.setting).toBe("clinic.timeZone");
    expect(error.message).toContain("clinic.timeZone");
  });

  it("refuses a file that is not YAML, naming RAPPORT_CONFIG", () => {
    const error = settingsError(withConfig("clinic: [unclosed\n"));
    expect(error.setting).toBe("RAPPORT_CONFIG");
    expect(error.message).toContain("RAPPORT_CONFIG");
    expect(error.message).toContain(configPath);
  });

  it("names where a file's YAML is broken without showing any of its lines", () => {
    const error = settingsError(
      withConfig('clinic:\n  crisisText: "Call 112. Private line of Dr X: 0171 555"\n   name: x\n'),
    );
    expect(error.setting).toBe("RAPPORT_CONFIG");
    expect(error.message).toBe(
      `RAPPORT_CONFIG: ${configPath} is not valid YAML at line 3, column 1 (bad indent); its content is not shown`,
    );
  });

  it("refuses a file that does not exist, naming RAPPORT_CONFIG and saying there is no file there", () => {
    const error = settingsError({ ...PLATFORM, RAPPORT_CONFIG: join(dir, "missing.yaml") });
    expect(error.setting).toBe("RAPPORT_CONFIG");
    expect(error.message).toBe(
      `RAPPORT_CONFIG: ${join(dir, "missing.yaml")} is not there: there is no file at that path`,
    );
  });

  it("reads an empty file as all defaults", () => {
    const settings = loadSettings(withConfig("", {}));
    expect(settings.demo).toBe(true);
    expect(settings.crisisText).toBe(DEMO_CRISIS_TEXT);
  });
});

describe("Telegram settings", () => {
  it.each([
    [{ TELEGRAM_BOT_TOKEN: "not a token", RAPPORT_DEMO: "1" }, "TELEGRAM_BOT_TOKEN"],
    [
      { TELEGRAM_BOT_TOKEN: "1:a", RAPPORT_DEMO: "1", TELEGRAM_WEBHOOK_SECRET: "has space" },
      "TELEGRAM_WEBHOOK_SECRET",
    ],
    [
      { TELEGRAM_BOT_TOKEN: "1:a", RAPPORT_DEMO: "1", TELEGRAM_WEBHOOK_URL: "https://x.example/telegram" },
      "TELEGRAM_WEBHOOK_URL",
    ],
    [{ TELEGRAM_BOT_TOKEN: "1:a", RAPPORT_DEMO: "1", TELEGRAM_API_ROOT: "ftp://x" }, "TELEGRAM_API_ROOT"],
    [{ TELEGRAM_WEBHOOK_SECRET: "s", RAPPORT_DEMO: "1" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ TELEGRAM_WEBHOOK_URL: "https://x.example/telegram" }, "TELEGRAM_WEBHOOK_URL"],
  ])("refuses %j naming %s", (env, setting) => {
    expect(() => loadSettings(env)).toThrow(expect.objectContaining({ setting }));
  });

  it("says only what is wrong with a webhook URL: http:// with the secret set, or https:// without it", () => {
    const base = { TELEGRAM_BOT_TOKEN: "1:a", RAPPORT_DEMO: "1" };
    const http = settingsError({
      ...base,
      TELEGRAM_WEBHOOK_SECRET: "s",
      TELEGRAM_WEBHOOK_URL: "http://x.example/t",
    });
    expect(http.message).toBe("TELEGRAM_WEBHOOK_URL must be an https:// URL");
    expect(http.problems).toHaveLength(1);
    const bare = settingsError({ ...base, TELEGRAM_WEBHOOK_URL: "https://x.example/t" });
    expect(bare.message).toBe("TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET");
  });

  it("reads a webhook setup", () => {
    const settings = loadSettings({
      TELEGRAM_BOT_TOKEN: "123:abc-DEF_1",
      RAPPORT_DEMO: "1",
      TELEGRAM_WEBHOOK_SECRET: "s3cret_-",
      TELEGRAM_WEBHOOK_URL: "https://rapport.example/telegram",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
    });
    expect(settings.telegram).toEqual({
      token: "123:abc-DEF_1",
      webhookSecret: "s3cret_-",
      webhookUrl: "https://rapport.example/telegram",
      apiRoot: "http://127.0.0.1:8081",
    });
  });
});

describe("Slack settings", () => {
  it.each([
    [{ SLACK_BOT_TOKEN: "xoxp-user-token" }, "SLACK_BOT_TOKEN"],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET"],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }, "SLACK_APP_TOKEN"],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: "slack.test" }, "SLACK_API_URL"],
    [{ SLACK_SIGNING_SECRET: "s" }, "SLACK_SIGNING_SECRET"],
    [{ SLACK_API_URL: "http://127.0.0.1:9/api" }, "SLACK_API_URL"],
  ])("refuses %j naming %s", (env, setting) => {
    expect(() => loadSettings({ ...env, RAPPORT_DEMO: "1" })).toThrow(expect.objectContaining({ setting }));
  });

  it("reads signed events or Socket Mode, and ends the API URL with a slash", () => {
    const events = loadSettings({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      SLACK_API_URL: "http://127.0.0.1:9/api",
      RAPPORT_DEMO: "1",
    });
    expect(events.slack).toEqual({
      botToken: "xoxb-1",
      signingSecret: "s",
      appToken: undefined,
      apiUrl: "http://127.0.0.1:9/api/",
    });
    const socket = loadSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", RAPPORT_DEMO: "1" });
    expect(socket.slack?.appToken).toBe("xapp-1");
  });
});

describe("Teams settings", () => {
  it.each([
    [{ TEAMS_NO_AUTH: "1", HOST: "0.0.0.0" }, "TEAMS_NO_AUTH"],
    // Credentials next to TEAMS_NO_AUTH were silently ignored: the endpoint ran unauthenticated.
    [{ TEAMS_NO_AUTH: "1", MicrosoftAppId: "id", MicrosoftAppPassword: "p" }, "TEAMS_NO_AUTH"],
    [{ TEAMS_NO_AUTH: "1", MicrosoftAppPassword: "p" }, "TEAMS_NO_AUTH"],
    [{ MicrosoftAppId: "id" }, "MicrosoftAppPassword"],
    // A credential without MicrosoftAppId was ignored: a demo with no channel.
    [{ MicrosoftAppPassword: "p" }, "MicrosoftAppPassword"],
    [{ MicrosoftAppTenantId: "t" }, "MicrosoftAppTenantId"],
    [{ TEAMS_NO_AUTH: "yes" }, "TEAMS_NO_AUTH"],
    [{ MicrosoftAppId: "id", MicrosoftAppPassword: "p", MicrosoftAppType: "Personal" }, "MicrosoftAppType"],
    [
      { MicrosoftAppId: "id", MicrosoftAppPassword: "p", MicrosoftAppType: "SingleTenant" },
      "MicrosoftAppTenantId",
    ],
  ])("refuses %j naming %s", (env, setting) => {
    expect(() => loadSettings({ ...env, RAPPORT_DEMO: "1" })).toThrow(expect.objectContaining({ setting }));
  });

  it("allows TEAMS_NO_AUTH on loopback, and reads a single-tenant registration", () => {
    for (const HOST of ["127.0.0.1", "::1"]) {
      expect(loadSettings({ TEAMS_NO_AUTH: "1", HOST, RAPPORT_DEMO: "1" }).teams?.noAuth).toBe(true);
    }
    // The tenant is no credential: kept without authentication, so its check can be tried.
    expect(loadSettings({ TEAMS_NO_AUTH: "1", MicrosoftAppTenantId: "t", RAPPORT_DEMO: "1" }).teams).toEqual({
      appId: "",
      appType: "MultiTenant",
      tenantId: "t",
      noAuth: true,
    });
    const single = loadSettings({
      MicrosoftAppId: "id",
      MicrosoftAppPassword: "p",
      MicrosoftAppType: "SingleTenant",
      MicrosoftAppTenantId: "t",
      RAPPORT_DEMO: "1",
    });
    expect(single.teams).toEqual({
      appId: "id",
      appPassword: "p",
      appType: "SingleTenant",
      tenantId: "t",
      noAuth: false,
    });
  });
});
