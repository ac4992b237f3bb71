import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoWarning } from "../../src/config/demo-warning.js";
import { loadSettings } from "../../src/config/settings.js";

/** A well-formed key (32 bytes in base64): loadSettings checks it. */
const VALID_KEY = Buffer.alloc(32, 7).toString("base64");

/**
 * The DEMO MODE warning says what makes this a demo as it stands. A clinic's IT person running
 * `rapport status` with RAPPORT_CONFIG (the clinic's crisis text in it) and a data key, but no
 * platform token in that shell, was told on every command to set a platform token AND
 * RAPPORT_CONFIG, and that the crisis text was the sample, which it was not.
 */
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function clinicConfig(): string {
  dir = mkdtempSync(join(tmpdir(), "rapport-demo-"));
  const path = join(dir, "clinic.yaml");
  writeFileSync(path, 'clinic:\n  crisisText: "Call 112, or the crisis line 0800 111 0 111."\n');
  return path;
}

describe("the DEMO MODE warning", () => {
  it("names only the missing platform token when the clinic set its crisis text and key", () => {
    const settings = loadSettings({ RAPPORT_CONFIG: clinicConfig(), RAPPORT_DATA_KEY: VALID_KEY });
    expect(settings.demo).toBe(true);
    const text = demoWarning(settings);
    expect(text).toBe(
      "DEMO MODE: for trying rapport out only: no platform token is set (TELEGRAM_BOT_TOKEN, SLACK_BOT_TOKEN or MicrosoftAppId).",
    );
    expect(text).not.toMatch(/crisis text|RAPPORT_CONFIG|encryption/);
  });

  it("names the sample crisis text and the missing key when they are so", () => {
    expect(demoWarning(loadSettings({}))).toBe(
      "DEMO MODE: for trying rapport out only: no platform token is set (TELEGRAM_BOT_TOKEN, SLACK_BOT_TOKEN or MicrosoftAppId); " +
        "the crisis text is the sample (set clinic.crisisText in the file named by RAPPORT_CONFIG); no encryption key (RAPPORT_DATA_KEY).",
    );
  });

  it("says RAPPORT_DEMO is set when a platform is configured", () => {
    const settings = loadSettings({
      RAPPORT_DEMO: "1",
      TELEGRAM_BOT_TOKEN: "123456:dummy-token-for-tests",
      RAPPORT_CONFIG: clinicConfig(),
      RAPPORT_DATA_KEY: VALID_KEY,
    });
    expect(demoWarning(settings)).toBe("DEMO MODE: for trying rapport out only: RAPPORT_DEMO is set.");
  });
});
