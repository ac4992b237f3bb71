import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliResult, freshEnv, runCli } from "../helpers/cli.js";

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

  it("a clinic config with several mistakes: every one on its own line, naming its setting", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-cfg-"));
    const config = join(dir, "clinic.yaml");
    writeFileSync(config, "clinic:\n  timezone: Europe/Berlin\nthresholds:\n  allianceConcern: 400\n");
    const result = await runCli(["status"], freshEnv({ RAPPORT_CONFIG: config }));
    expect(result.code).toBe(78);
    const lines = result.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("{"));
    expect(lines).toEqual([
      `rapport: configuration error (clinic): RAPPORT_CONFIG (${config}): setting "clinic": unknown key "timezone"; did you mean timeZone?`,
      `rapport: configuration error (thresholds.allianceConcern): RAPPORT_CONFIG (${config}): setting "thresholds.allianceConcern": must be from 0 to 40, the range of the alliance check-in's total (got 400)`,
    ]);
  });
  it("mistakes in the environment, the clinic config and its crisis text: every one named in one run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-cfg-"));
    const config = join(dir, "clinic.yaml");
    // No crisis text, though a platform is set and it is no demo; two values out of range.
    writeFileSync(config, "schedule:\n  quietHours:\n    start: '25:00'\nsummaries: brief\n");
    const env = freshEnv({
      RAPPORT_CONFIG: config,
      TELEGRAM_BOT_TOKEN: "123456:dummy-token-for-tests",
      SLACK_SIGNING_SECRET: "s3cret",
      RAPPORT_DATABASE_POOL: "5",
      PORT: "http",
      LOG_LEVEL: "verbose",
    });
    for (const command of [["serve"], ["status"]]) {
      const result = command[0] === "serve" ? await serveFor(env) : await runCli(command, env);
      expect(result.code).toBe(78);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const lines = result.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("{"));
      expect(lines.map((l) => /^rapport: configuration error \(([^)]+)\): /.exec(l)?.[1])).toEqual([
        "LOG_LEVEL",
        "SLACK_SIGNING_SECRET",
        "schedule.quietHours.start",
        "summaries",
        "clinic.crisisText",
        "RAPPORT_DATABASE_POOL",
        "PORT",
      ]);
      // Each in the words it has alone.
      expect(lines).toContain(
        `rapport: configuration error (schedule.quietHours.start): RAPPORT_CONFIG (${config}): setting "schedule.quietHours.start": must be a time of day, HH:MM (such as 08:00) (got "25:00")`,
      );
      expect(lines).toContain(
        'rapport: configuration error (PORT): PORT must be a whole number from 0 to 65535 (got "http")',
      );
      expect(lines.join("\n")).toContain("clinic.crisisText is not set: outside demo mode");
    }
  });
});

/** `rapport serve`, stopped after a while if it started after all (the refusal was missing). */
const serveFor = (env: Record<string, string>): Promise<CliResult> =>
  runCli(["serve"], env, undefined, 10_000);

describe("a platform setting without the one it needs", () => {
  it.each([
    ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"],
    ["SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"],
    ["MicrosoftAppPassword", "MicrosoftAppId"],
    ["TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_BOT_TOKEN"],
  ])("%s without %s: refused naming both, not a demo with no channel", async (name, needs) => {
    for (const command of [["serve"], ["status"]]) {
      const env = freshEnv({ [name]: "xapp-s3cret", PORT: "0" });
      const result = command[0] === "serve" ? await serveFor(env) : await runCli(command, env);
      expect(result.code).toBe(78);
      expect(result.stderr).toContain(
        `rapport: configuration error (${name}): ${name} is set without ${needs} (`,
      );
      expect(result.stderr).toContain(`set ${needs} too, or unset ${name}`);
    }
  });

  it("TEAMS_NO_AUTH=true is TEAMS_NO_AUTH=1: checked as it is, not ignored; TEAMS_NO_AUTH=yes is refused", async () => {
    const open = await serveFor(
      freshEnv({ TEAMS_NO_AUTH: "true", HOST: "0.0.0.0", PORT: "0", RAPPORT_DEMO: "1" }),
    );
    expect(open.code).toBe(78);
    expect(open.stderr).toContain("rapport: configuration error (TEAMS_NO_AUTH): TEAMS_NO_AUTH=1 turns off");
    const yes = await serveFor(freshEnv({ TEAMS_NO_AUTH: "yes", PORT: "0" }));
    expect(yes.code).toBe(78);
    expect(yes.stderr).toContain('TEAMS_NO_AUTH must be 1 or 0 (got "yes")');
  });
});
