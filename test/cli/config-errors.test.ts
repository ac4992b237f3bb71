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
});
