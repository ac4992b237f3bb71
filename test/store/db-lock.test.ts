import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { lockPath, takeLock } from "../../src/store/sqlite/db-lock.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { freshEnv, runCli, serve } from "../helpers/cli.js";

/**
 * One running rapport per database: a second `serve` would send everything twice, and a key
 * rotation under a running server would leave it reading with the wrong key.
 */
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the database lock", () => {
  it("refuses a second holder, naming the first, and lets go on close", () => {
    dir = mkdtempSync(join(tmpdir(), "rapport-lock-"));
    const path = join(dir, "r.db");
    const store = SqliteStore.open(path, new Date(), { hold: "serve" });
    expect(() => SqliteStore.open(path, new Date(), { hold: "serve" })).toThrow(
      new RegExp(`in use by rapport serve \\(process ${process.pid}`),
    );
    // Short commands beside the server still open the file.
    SqliteStore.open(path).close();
    store.close();
    expect(existsSync(lockPath(path))).toBe(false);
    SqliteStore.open(path, new Date(), { hold: "serve" }).close();
  });

  it("takes over the lock of a process that is gone", () => {
    dir = mkdtempSync(join(tmpdir(), "rapport-lock-"));
    const path = join(dir, "r.db");
    writeFileSync(lockPath(path), JSON.stringify({ pid: 2 ** 22 + 17, purpose: "serve", since: "" }));
    takeLock(path, "serve").release();
  });

  it("refuses to re-seal while another live process holds the database", () => {
    dir = mkdtempSync(join(tmpdir(), "rapport-lock-"));
    const path = join(dir, "r.db");
    SqliteStore.open(path).close();
    // The test runner's parent stands in for a running server.
    writeFileSync(lockPath(path), JSON.stringify({ pid: process.ppid, purpose: "serve", since: "" }));
    const key = parseDataKey(randomBytes(32).toString("base64"));
    expect(() => SqliteStore.open(path, new Date(), { keys: [key] })).toThrow(/in use by rapport serve/);
  });

  it("rotate-key refuses while serve runs, and works once it has stopped", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const env = freshEnv({ RAPPORT_DATA_KEY: oldKey });
    dir = join(env.RAPPORT_DB ?? "", "..");
    const server = await serve(env);
    const newKey = randomBytes(32).toString("base64");
    const refused = await runCli(["rotate-key", "--old", oldKey], { ...env, RAPPORT_DATA_KEY: newKey });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/in use by rapport serve .*stop it before re-sealing/);
    const second = await runCli(["serve"], { ...env, PORT: "0" });
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain("in use by rapport serve");
    await new Promise<void>((resolve) => {
      server.child.once("exit", () => resolve());
      server.child.kill("SIGTERM");
    });
    const rotated = await runCli(["rotate-key", "--old", oldKey], { ...env, RAPPORT_DATA_KEY: newKey });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/Re-encrypted \d+ values|already sealed/);
  });
});
