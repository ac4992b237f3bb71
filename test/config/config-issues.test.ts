import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clinicConfigSchema } from "../../src/config/clinic-config.js";
import { nearestKey } from "../../src/config/config-issues.js";
import { loadSettings } from "../../src/config/settings.js";
import { ConfigError } from "../../src/errors.js";

/**
 * A clinic config with mistakes: every one named at once with its setting, an unknown key with the
 * known one it is near, and a threshold outside its check-in's range refused with that range.
 */
describe("clinic config problems", () => {
  let dir: string;
  let configPath: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-config-issues-"));
    configPath = join(dir, "clinic.yaml");
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function configError(yaml: string): ConfigError {
    writeFileSync(configPath, yaml);
    try {
      loadSettings({ RAPPORT_CONFIG: configPath });
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error("loadSettings did not throw");
  }

  function loads(yaml: string) {
    writeFileSync(configPath, yaml);
    return loadSettings({ RAPPORT_CONFIG: configPath }).clinic;
  }

  it("names every problem at once, each with its setting", () => {
    const error = configError(
      "clinic:\n  timezone: Europe/Berlin\nthresholds:\n  allianceConcern: 400\nschedule:\n  delayMinutes: high\n",
    );
    expect(error.problems.map((p) => p.setting)).toEqual([
      "clinic",
      "thresholds.allianceConcern",
      "schedule.delayMinutes",
    ]);
    for (const p of error.problems) expect(p.message).toContain(`setting "${p.setting}"`);
    expect(error.setting).toBe("clinic");
    expect(error.message.split("\n")).toHaveLength(3);
    expect(error.problems[2]?.message).toContain('(got "high")');
  });

  it("says which known key an unknown one is near", () => {
    const [timezone] = configError("clinic:\n  timezone: Europe/Berlin\n").problems;
    expect(timezone?.message).toContain('unknown key "timezone"; did you mean timeZone?');
    // A key put in the wrong section is pointed to its own.
    expect(configError("clinic:\n  onCall: Dr Night\n").problems[0]?.message).toContain(
      "did you mean risk.onCall?",
    );
    expect(configError("risk:\n  escalateAfterMinute: 10\n").problems[0]?.message).toContain(
      "did you mean escalateAfterMinutes?",
    );
    expect(configError("digets:\n  enabled: false\n").problems[0]?.message).toContain("did you mean digest?");
    // Nothing near: no guess.
    const [colour] = configError("clinic:\n  colour: blue\n").problems;
    expect(colour?.message).toMatch(/unknown key "colour"$/);
    expect(nearestKey("zz", ["clinic"], clinicConfigSchema)).toBeUndefined();
  });

  it.each([
    ["allianceConcern: 400", "thresholds.allianceConcern", "from 0 to 40", "400"],
    ["allianceConcern: -1", "thresholds.allianceConcern", "from 0 to 40", "-1"],
    ["allianceItem: 11", "thresholds.allianceItem", "from 0 to 10", "11"],
    ["allianceDrop: 0", "thresholds.allianceDrop", "more than 0 and at most 40", "0"],
    ["allianceDrop: 41", "thresholds.allianceDrop", "more than 0 and at most 40", "41"],
    ["allianceClearFall: 0", "thresholds.allianceClearFall", "more than 0 and at most 40", "0"],
    ["progressReliableChange: 50", "thresholds.progressReliableChange", "more than 0 and at most 40", "50"],
    ["cutoffs: { adult: 41 }", "thresholds.cutoffs.adult", "from 0 to 40", "41"],
    ["cutoffs: { child: -5 }", "thresholds.cutoffs.child", "from 0 to 40", "-5"],
  ])("refuses thresholds.%s, naming %s and its range", (line, setting, range, value) => {
    const [problem, ...rest] = configError(`thresholds:\n  ${line}\n`).problems;
    expect(rest).toEqual([]);
    expect(problem?.setting).toBe(setting);
    expect(problem?.message).toContain(`must be ${range}`);
    expect(problem?.message).toContain(`(got ${value})`);
  });

  it("takes thresholds at the ends of their ranges", () => {
    const { thresholds } = loads(
      "thresholds:\n  allianceConcern: 40\n  allianceItem: 0\n  allianceDrop: 40\n  cutoffs: { adult: 0, child: 40 }\n",
    );
    expect(thresholds).toMatchObject({ allianceConcern: 40, allianceItem: 0, allianceDrop: 40 });
    expect(thresholds.cutoffs).toEqual({ adult: 0, adolescent: 28, child: 40 });
  });

  it("reads a time of day as people write it, and says what a number of minutes should look like", () => {
    expect(loads('schedule:\n  quietHours:\n    end: "8:00"\n').schedule.quietHours.end).toBe("08:00");
    expect(loads('digest:\n  time: "7:30"\n').digest.time).toBe("07:30");
    const error = configError(
      'schedule:\n  quietHours:\n    start: 9pm\nrisk:\n  escalateAfterMinutes: "30 min"\n',
    );
    expect(error.problems.map((p) => p.setting)).toEqual([
      "schedule.quietHours.start",
      "risk.escalateAfterMinutes",
    ]);
    expect(error.problems[0]?.message).toMatch(
      /must be a time of day, HH:MM \(such as 08:00\) \(got "9pm"\)$/,
    );
    expect(error.problems[1]?.message).toMatch(/must be a number alone, without a unit .*\(got "30 min"\)$/);
  });

  it("says a word where a number belongs must be a number, with no unit to blame", () => {
    const error = configError("thresholds:\n  allianceConcern: high\n");
    expect(error.message).toMatch(/setting "thresholds.allianceConcern": must be a number \(got "high"\)$/);
  });
});
