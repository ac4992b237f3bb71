import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";

function refusal(path: string): ConfigError {
  try {
    SqliteStore.open(path).close();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`${path} was opened`);
}

// RAPPORT_DB must name a file SQLite can create or open; anything else is refused naming the setting.
describe("RAPPORT_DB's path", () => {
  const dir = mkdtempSync(join(tmpdir(), "rapport-dbpath-"));

  it("a folder: refused as a folder, not a file, with a file in it to name instead", () => {
    const folder = join(dir, "data");
    mkdirSync(folder);
    const error = refusal(folder);
    expect(error.setting).toBe("RAPPORT_DB");
    expect(error.message).toBe(
      `RAPPORT_DB is ${folder}, a folder, not a file: name the database file, for example ${join(folder, "rapport.db")}`,
    );
  });

  it("under a file, directly or further down: refused naming the file that is not a folder", () => {
    const file = join(dir, "hostname");
    writeFileSync(file, "x\n");
    for (const path of [join(file, "r.db"), join(file, "sub", "r.db")]) {
      const error = refusal(path);
      expect(error.setting).toBe("RAPPORT_DB");
      expect(error.message).toBe(
        `RAPPORT_DB is ${path}, but ${file} is a file, not a folder, so the database cannot be created there`,
      );
    }
  });

  it("a file in folders that are not there yet is still created", () => {
    const path = join(dir, "new", "deeper", "rapport.db");
    SqliteStore.open(path).close();
  });
});
