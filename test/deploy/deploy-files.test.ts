import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadSettings } from "../../src/config/settings.js";
import { DEFAULT_SEND_TIMEOUT_MS } from "../../src/delivery/worker-options.js";

/**
 * deploy/: the systemd unit and the env file example a clinic's IT person copies. They name
 * settings and paths that live in the code; these tests catch either side moving without the other.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), "utf8");

type Env = Record<string, string | undefined>;

/** The example's NAME=value lines: `set` as given, `commented` when written as `# NAME=value`. */
function exampleSettings(): { set: Map<string, string>; commented: Set<string> } {
  const set = new Map<string, string>();
  const commented = new Set<string>();
  for (const line of read("deploy/rapport.env.example").split("\n")) {
    const match = /^(#\s*)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match?.[2]) continue;
    if (match[1]) commented.add(match[2]);
    else set.set(match[2], (match[3] ?? "").replace(/^"(.*)"$/, "$1"));
  }
  return { set, commented };
}

const example = exampleSettings();
const exampleNames = new Set([...example.set.keys(), ...example.commented]);

/** Every environment name loadSettings looks at for `env` (a failed load included). */
function namesRead(env: Env): Set<string> {
  const names = new Set<string>();
  const watched = new Proxy(env, {
    get(target, key) {
      if (typeof key === "string") names.add(key);
      return target[key as string];
    },
  });
  try {
    loadSettings(watched);
  } catch {
    // Refused settings are read all the same.
  }
  return names;
}

/** Each platform's token set, so that every platform's own settings are read too. */
const EVERY_BRANCH: Env = {
  TELEGRAM_BOT_TOKEN: "123456:dummy",
  SLACK_BOT_TOKEN: "xoxb-dummy",
  MicrosoftAppId: "dummy-app-id",
  RAPPORT_DATABASE_URL: "postgres://user@localhost/rapport",
};

const dir = mkdtempSync(join(tmpdir(), "rapport-deploy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clinicFile = join(dir, "clinic.yaml");
writeFileSync(clinicFile, 'clinic:\n  crisisText: "In danger now: call 112."\n');

/** Settings that start rapport for real (not a demo), one way per platform. */
const REAL_STARTS: Record<string, Env> = {
  telegram: { TELEGRAM_BOT_TOKEN: "123456:dummy", RAPPORT_CONFIG: clinicFile },
  "slack events": {
    SLACK_BOT_TOKEN: "xoxb-dummy",
    SLACK_SIGNING_SECRET: "dummy",
    RAPPORT_CONFIG: clinicFile,
  },
  "slack socket mode": {
    SLACK_BOT_TOKEN: "xoxb-dummy",
    SLACK_APP_TOKEN: "xapp-dummy",
    RAPPORT_CONFIG: clinicFile,
  },
  teams: { MicrosoftAppId: "dummy", MicrosoftAppPassword: "dummy", RAPPORT_CONFIG: clinicFile },
  "teams single tenant": {
    MicrosoftAppId: "dummy",
    MicrosoftAppPassword: "dummy",
    MicrosoftAppType: "SingleTenant",
    MicrosoftAppTenantId: "dummy",
    RAPPORT_CONFIG: clinicFile,
  },
};

/** The names of `env` without which it is no real start: refused, or a demo. */
function required(env: Env): string[] {
  return Object.keys(env).filter((name) => {
    try {
      return loadSettings({ ...env, [name]: undefined }).demo;
    } catch {
      return true;
    }
  });
}

describe("deploy/rapport.env.example", () => {
  it("names exactly the settings rapport reads from the environment", () => {
    const read = new Set([...namesRead({}), ...namesRead(EVERY_BRANCH)]);
    const unknown = [...exampleNames].filter((name) => !read.has(name));
    const missing = [...read].filter((name) => !exampleNames.has(name));
    expect(unknown, "in the example, but rapport does not read them").toEqual([]);
    expect(missing, "read by rapport, but not in the example").toEqual([]);
  });

  it("holds every setting a real start needs, and sets the ones every real start needs", () => {
    const needs = Object.values(REAL_STARTS).map((env) => {
      expect(loadSettings(env).demo).toBe(false);
      return required(env);
    });
    for (const names of needs) expect(names.filter((name) => !exampleNames.has(name))).toEqual([]);
    const always = needs.reduce((all, names) => all.filter((name) => names.includes(name)));
    expect(always).toEqual(["RAPPORT_CONFIG"]);
    for (const name of always) expect(example.set.has(name), `${name} is set, not commented`).toBe(true);
  });

  it("as it is, refuses to start, naming the data key placeholder", () => {
    const settings = Object.fromEntries(example.set);
    expect(settings.RAPPORT_DATA_KEY).toMatch(/^REPLACE_/);
    expect(() => loadSettings({ ...settings, RAPPORT_CONFIG: clinicFile })).toThrow(/RAPPORT_DATA_KEY/);
  });
});

/** The unit's settings: each key with its values, in order. */
function unitSettings(): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of read("deploy/rapport.service").split("\n")) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (!match?.[1]) continue;
    settings.set(match[1], [...(settings.get(match[1]) ?? []), match[2] ?? ""]);
  }
  return settings;
}

describe("deploy/rapport.service", () => {
  const unit = unitSettings();
  const one = (key: string): string => {
    const values = unit.get(key) ?? [];
    expect(values, key).toHaveLength(1);
    return values[0] ?? "";
  };
  const pkg = JSON.parse(read("package.json")) as {
    bin: { rapport: string };
    scripts: Record<string, string>;
  };

  it("starts the built CLI's serve with node, as npm start does, from its working directory", () => {
    const [node, script, command, ...rest] = one("ExecStart").split(/\s+/);
    expect(node).toMatch(/\/node$/);
    expect(command).toBe("serve");
    expect(rest).toEqual([]);
    const home = one("WorkingDirectory");
    expect(script?.startsWith(`${home}/`)).toBe(true);
    const inRepo = posix.relative(home, script ?? "");
    // The global test setup has run `npm run build`: the path must exist after it.
    expect(existsSync(join(root, inRepo)), `${inRepo} after npm run build`).toBe(true);
    expect(inRepo).toBe(pkg.bin.rapport);
    expect(pkg.scripts.start).toBe(`node ${inRepo} serve`);
  });

  it("npm start builds nothing: no devDependency (tsc) is needed to start", () => {
    expect(pkg.scripts.prestart).toBeUndefined();
    expect(pkg.scripts.start).not.toMatch(/tsc|build/);
  });

  it("reads the env file, runs as its own user and may write RAPPORT_DB's folder", () => {
    expect(one("EnvironmentFile")).toBe("/etc/rapport/rapport.env");
    expect(one("User")).not.toMatch(/^(root|0)?$/);
    const db = example.set.get("RAPPORT_DB") ?? "";
    expect(one("ReadWritePaths").split(/\s+/)).toContain(dirname(db));
    expect(one("ProtectSystem")).toBe("strict");
    expect(one("NoNewPrivileges")).toBe("yes");
    expect(one("Restart")).toBe("on-failure");
    // A configuration error (exit 78) is not restarted into a loop.
    expect(one("RestartPreventExitStatus")).toBe("78");
    // node's JIT needs writable executable memory.
    expect(unit.has("MemoryDenyWriteExecute")).toBe(false);
  });

  it("gives a clean stop the time of a hung send and more", () => {
    const match = /^(\d+)s?$/.exec(one("TimeoutStopSec"));
    expect(match).not.toBeNull();
    expect(Number(match?.[1]) * 1000).toBeGreaterThanOrEqual(DEFAULT_SEND_TIMEOUT_MS + 20_000);
  });
});
