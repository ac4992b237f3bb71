import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSettings, settingsProblems } from "../../src/config/settings.js";

const KEY = Buffer.alloc(32, 7).toString("base64");

/**
 * A bad RAPPORT_DATA_KEY is named with every other environment mistake, in the same start (it was
 * found only when the database opened, a start after PORT and the config were fixed), and says
 * which check failed, never the key itself.
 */
describe("RAPPORT_DATA_KEY at start-up", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-key-"));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const problemsOf = (env: Record<string, string>) => settingsProblems(env)?.problems ?? [];

  it("is named with PORT and the config's mistakes at once", () => {
    const config = join(dir, "clinic.yaml");
    writeFileSync(config, "risk:\n  repeatMinutes: high\n");
    const found = problemsOf({ PORT: "http", RAPPORT_CONFIG: config, RAPPORT_DATA_KEY: "too-short" });
    expect(found.map((p) => p.setting)).toEqual(["risk.repeatMinutes", "PORT", "RAPPORT_DATA_KEY"]);
  });

  it("says which check failed: no such file, not base64, or how many bytes", () => {
    const [missing] = problemsOf({ RAPPORT_DATA_KEY: "/etc/rapport/data.key" });
    expect(missing?.message).toContain("no file at /etc/rapport/data.key");
    const [notBase64] = problemsOf({ RAPPORT_DATA_KEY: "too-short!" });
    expect(notBase64?.message).toContain("RAPPORT_DATA_KEY is not base64");
    expect(notBase64?.message).not.toContain("too-short");
    const [short] = problemsOf({ RAPPORT_DATA_KEY: Buffer.alloc(16, 1).toString("base64") });
    expect(short?.message).toContain("RAPPORT_DATA_KEY holds 16 bytes instead of 32");
    const file = join(dir, "data.key");
    writeFileSync(file, `${Buffer.alloc(33, 1).toString("base64")}\n`);
    const [inFile] = problemsOf({ RAPPORT_DATA_KEY: file });
    expect(inFile?.message).toContain(`the file ${file} holds 33 bytes instead of 32`);
  });

  it("takes a key, or a file holding one", () => {
    expect(loadSettings({ RAPPORT_DATA_KEY: KEY }).dataKey).toBe(KEY);
    const file = join(dir, "data.key");
    writeFileSync(file, `${KEY}\n`);
    expect(loadSettings({ RAPPORT_DATA_KEY: file }).dataKey).toBe(file);
  });
});
