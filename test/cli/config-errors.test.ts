import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshEnv, runCli } from "../helpers/cli.js";

/**
 * A setting rapport cannot use stops it with one line naming the setting, exit code 78
 * (EX_CONFIG), and no stack trace, whichever part of rapport finds it.
 */
describe("configuration errors at start-up", () => {
  it.each(["warning", "verbose"])(
    "LOG_LEVEL=%s: names LOG_LEVEL, the value and the levels",
    async (level) => {
      for (const command of [["serve"], ["status"]]) {
        const result = await runCli(command, freshEnv({ LOG_LEVEL: level, PORT: "0" }));
        expect(result.code).toBe(78);
        expect(result.stderr).toBe(
          `rapport: configuration error (LOG_LEVEL): LOG_LEVEL must be one of trace, debug, info, warn, error, fatal or silent (got "${level}")\n`,
        );
      }
    },
  );

  it("RAPPORT_DB a folder, or under a file: names RAPPORT_DB and what is wrong", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-cfg-"));
    const folder = join(dir, "somefolder");
    mkdirSync(folder);
    const file = join(dir, "hostname");
    writeFileSync(file, "x\n");
    const cases = [
      [folder, `RAPPORT_DB is ${folder}, a folder, not a file`],
      [join(file, "r.db"), `RAPPORT_DB is ${join(file, "r.db")}, but ${file} is a file, not a folder`],
    ] as const;
    for (const [path, said] of cases) {
      for (const command of [["serve"], ["status"]]) {
        const result = await runCli(command, freshEnv({ RAPPORT_DB: path, PORT: "0" }));
        expect(result.code).toBe(78);
        const lines = result.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("{"));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`rapport: configuration error (RAPPORT_DB): ${said}`);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
    }
  });
});
