import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { settingsProblems } from "../../src/config/settings.js";

/** A platform token so that rapport is not in demo mode; a dummy, never used to connect. */
const PLATFORM = { TELEGRAM_BOT_TOKEN: "123456:dummy-token-for-tests" };

/** Every problem at once: a clinic's IT person fixes them all before the next start. */
describe("several problems in one start", () => {
  const problemsOf = (env: Record<string, string>) => settingsProblems(env)?.problems.map((p) => p.setting);

  it("names each bad setting of a platform, not only the first", () => {
    expect(
      problemsOf({
        TELEGRAM_BOT_TOKEN: "not a token",
        TELEGRAM_WEBHOOK_SECRET: "has space",
        TELEGRAM_API_ROOT: "ftp://x",
        RAPPORT_DEMO: "1",
      }),
    ).toEqual(["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_API_ROOT"]);
    expect(
      problemsOf({
        SLACK_BOT_TOKEN: "xoxp-1",
        SLACK_APP_TOKEN: "xoxb-2",
        SLACK_API_URL: "x",
        RAPPORT_DEMO: "1",
      }),
    ).toEqual(["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_API_URL"]);
    expect(
      problemsOf({ SLACK_SIGNING_SECRET: "s", MicrosoftAppTenantId: "t", TELEGRAM_API_ROOT: "http://x" }),
    ).toEqual(["TELEGRAM_API_ROOT", "SLACK_SIGNING_SECRET", "MicrosoftAppTenantId"]);
  });

  it("does not ask what depends on a setting that is itself refused", () => {
    // An unknown app type: whether it needs a tenant cannot be said; the missing password can.
    expect(problemsOf({ MicrosoftAppId: "id", MicrosoftAppType: "Personal", RAPPORT_DEMO: "1" })).toEqual([
      "MicrosoftAppType",
      "MicrosoftAppPassword",
    ]);
    // An unreadable RAPPORT_DEMO may have meant a demo, which needs no crisis text.
    expect(problemsOf({ ...PLATFORM, RAPPORT_DEMO: "yes" })).toEqual(["RAPPORT_DEMO"]);
    // TEAMS_NO_AUTH unreadable is named once, though three checks read it.
    expect(problemsOf({ TEAMS_NO_AUTH: "yes", MicrosoftAppTenantId: "t", RAPPORT_DEMO: "1" })).toEqual([
      "TEAMS_NO_AUTH",
      "MicrosoftAppTenantId",
    ]);
  });

  it("names the config file's mistakes with the environment's and the missing crisis text", () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-several-"));
    const path = join(dir, "clinic.yaml");
    writeFileSync(path, "thresholds:\n  allianceItem: 11\ncharts: always\n");
    expect(
      problemsOf({
        ...PLATFORM,
        RAPPORT_CONFIG: path,
        PORT: "http",
        LOG_LEVEL: "loud",
        RAPPORT_DATABASE_POOL: "9",
      }),
    ).toEqual([
      "LOG_LEVEL",
      "thresholds.allianceItem",
      "charts",
      "clinic.crisisText",
      "RAPPORT_DATABASE_POOL",
      "PORT",
    ]);
    // A clinic section with a mistake of its own: its crisis text is not judged as well.
    writeFileSync(path, "clinic:\n  timeZone: Mars/Olympus\ncharts: always\n");
    expect(problemsOf({ ...PLATFORM, RAPPORT_CONFIG: path })).toEqual(["clinic.timeZone", "charts"]);
    rmSync(dir, { recursive: true, force: true });
  });
});
