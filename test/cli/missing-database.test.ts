import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, runCli } from "../helpers/cli.js";

/**
 * A command that reads the practice's data refuses a RAPPORT_DB naming no file (a typo, or a shell
 * without the variable) instead of creating an empty database and answering "Therapists: 0" or a
 * header-only export as if it were the clinic's. Those that start a practice still create it.
 */
describe("a database file that is not there", () => {
  it("is refused by status, export and the admin commands, naming RAPPORT_DB and the path, and not created", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-missing-"));
    const typo = join(dir, "typo", "rapport.db");
    const env = { ...freshEnv(), RAPPORT_DB: typo };
    for (const args of [["status"], ["export", "--format", "csv"], ["therapist", "list"]]) {
      const result = await runCli(args, env);
      expect(result.code, args.join(" ")).toBe(78);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(
        `rapport: configuration error (RAPPORT_DB): RAPPORT_DB is ${typo} (./data/rapport.db when RAPPORT_DB is unset), and there is no database file there`,
      );
    }
    expect(existsSync(join(dir, "typo"))).toBe(false);
    // therapist add starts a practice: it creates the file, and status then reads it.
    await addTherapist(env, "Dr Rivera");
    const status = await runCli(["status"], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("Therapists: 1\n");
  });

  it("with RAPPORT_DB unset, names the default and where it is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-nodb-"));
    const env = freshEnv();
    delete env.RAPPORT_DB;
    const result = await runCli(["status"], env, undefined, undefined, dir);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(
      `RAPPORT_DB is ./data/rapport.db, that is ${join(dir, "data", "rapport.db")} (./data/rapport.db when RAPPORT_DB is unset)`,
    );
    expect(existsSync(join(dir, "data"))).toBe(false);
  });
});
