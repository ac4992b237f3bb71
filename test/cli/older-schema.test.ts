import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { freshEnv, runCli } from "../helpers/cli.js";
import { databaseAt } from "../store/schema-at.js";

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

function versionOf(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number }).v;
  } finally {
    db.close();
  }
}

/**
 * A database an earlier rapport left (schema 7) is changed only by `rapport migrate` (and serve),
 * which says so in one log line; the admin commands refuse it, naming rapport migrate.
 */
describe("a database of an earlier schema", () => {
  it("is refused by status, export and the admin commands, unchanged; rapport migrate upgrades it and logs it", async () => {
    const env = freshEnv({ RAPPORT_DEMO: "1" });
    const path = env.RAPPORT_DB ?? "";
    databaseAt(path, 7, "");
    for (const args of [
      ["therapist", "list"],
      ["status"],
      ["export", "--format", "csv"],
      ["therapist", "add", "Dr Kim"],
      ["client", "erase", "alex", "--yes"],
    ]) {
      const result = await runCli(args, env);
      expect(result.code, args.join(" ")).not.toBe(0);
      expect(result.stderr).toContain(
        `is at schema version 7, and this rapport needs ${LATEST}. Nothing was changed.`,
      );
      expect(result.stderr).toContain("rapport migrate");
      expect(versionOf(path)).toBe(7);
    }
    const migrated = await runCli(["migrate"], env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(`schema version ${LATEST}`);
    const info = migrated.stderr
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.msg.startsWith("database migrated"));
    expect(info).toEqual([
      expect.objectContaining({ level: 30, msg: `database migrated from schema 7 to ${LATEST}` }),
    ]);
    const list = await runCli(["therapist", "list"], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("No therapists yet");
  });
});
