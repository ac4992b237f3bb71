import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSettings, settingsProblems } from "../../src/config/settings.js";

/** A platform token so that rapport is not in demo mode; a dummy, never used to connect. */
const PLATFORM = { TELEGRAM_BOT_TOKEN: "123456:dummy-token-for-tests" };

/**
 * Two settings that only make sense one way round: started with them the other way, rapport would
 * do what neither says (repeat every 5 hours though "up to 4 hours between repeats" was written).
 */
describe("settings that go in pairs", () => {
  let dir: string;
  let configPath: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-pairs-"));
    configPath = join(dir, "clinic.yaml");
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function problems(yaml: string): readonly { setting: string; message: string }[] {
    writeFileSync(configPath, `clinic:\n  crisisText: Call 112.\n${yaml}`);
    return settingsProblems({ ...PLATFORM, RAPPORT_CONFIG: configPath })?.problems ?? [];
  }

  it("refuses risk.repeatMaxMinutes shorter than risk.repeatMinutes, naming both", () => {
    const [found, ...more] = problems("risk:\n  repeatMinutes: 300\n  repeatMaxMinutes: 240\n");
    expect(more).toEqual([]);
    expect(found?.setting).toBe("risk.repeatMaxMinutes");
    expect(found?.message).toContain("repeatMaxMinutes must be at least repeatMinutes");
    expect(found?.message).toContain("(got 240)");
    // A repeat longer than the default longest wait alone, too: 300 against the default 240.
    expect(problems("risk:\n  repeatMinutes: 300\n").map((p) => p.setting)).toEqual([
      "risk.repeatMaxMinutes",
    ]);
  });

  it("takes equal repeat waits: one pace", () => {
    writeFileSync(
      configPath,
      "clinic:\n  crisisText: Call 112.\nrisk:\n  repeatMinutes: 60\n  repeatMaxMinutes: 60\n",
    );
    const settings = loadSettings({ ...PLATFORM, RAPPORT_CONFIG: configPath });
    expect(settings.clinic.risk.repeatMaxMinutes).toBe(60);
  });

  it("refuses the other ordered pairs the same way, naming both", () => {
    const [expire] = problems("schedule:\n  reminderAfterHours: 10\n  expireAfterHours: 5\n");
    expect(expire?.setting).toBe("schedule.expireAfterHours");
    expect(expire?.message).toContain("reminderAfterHours");
    const [plan] = problems("ruleMethod:\n  noChangeAt: 6\n  changePlanAt: 5\n");
    expect(plan?.setting).toBe("ruleMethod.changePlanAt");
    expect(plan?.message).toContain("noChangeAt");
  });
});

describe("Slack's two ways of receiving events", () => {
  it("refuses SLACK_SIGNING_SECRET with SLACK_APP_TOKEN, naming both", () => {
    const error = settingsProblems({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      SLACK_APP_TOKEN: "xapp-1",
      RAPPORT_DEMO: "1",
    });
    const [found, ...more] = error?.problems ?? [];
    expect(more).toEqual([]);
    expect(found?.setting).toBe("SLACK_APP_TOKEN");
    expect(found?.message).toContain("SLACK_SIGNING_SECRET and SLACK_APP_TOKEN are both set");
    expect(found?.message).toContain("for Socket Mode (no public URL) unset SLACK_SIGNING_SECRET");
  });
});
