import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { freshEnv, runCli, script } from "../helpers/cli.js";
import { SEALED, sealedPractice } from "../helpers/sealed-practice.js";

/**
 * With RAPPORT_DATA_KEY the SQLite file itself, read as bytes, holds none of the comments,
 * aliases or platform ids of a run; rotate-key moves everything to a new key.
 */
const { comment: COMMENT, alias: ALIAS, client: CLIENT, risk: RISK, contact: CONTACT } = SEALED;

function fileHolds(path: string, ...needles: string[]): string[] {
  const bytes = readFileSync(path);
  return needles.filter((n) => bytes.includes(Buffer.from(n, "utf8")));
}

describe("encryption at rest", () => {
  it("keeps comments, aliases and platform ids out of the file, and rotates to a new key", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const env = freshEnv({ RAPPORT_DATA_KEY: oldKey });
    await sealedPractice(env);
    const db = env.RAPPORT_DB ?? "";
    expect(fileHolds(db, COMMENT, ALIAS, CLIENT, "rivera", RISK, CONTACT, "stockpiling")).toEqual([]);

    const newKey = randomBytes(32).toString("base64");
    const rotated = await runCli(["rotate-key", "--old", oldKey], { ...env, RAPPORT_DATA_KEY: newKey });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/Re-encrypted \d+ values/);
    // Backups made before still open only with the old key (README): it is kept, not thrown away.
    expect(rotated.stdout).toContain(
      "Keep the old key, apart from the backups, until the last backup sealed with it has expired",
    );
    expect(rotated.stdout).not.toContain("no longer needed");
    expect(fileHolds(db, COMMENT, ALIAS, CLIENT, RISK, CONTACT)).toEqual([]);

    // Readable with the new key alone: the client's data, the therapist's view, and lookups by platform id.
    const after = await script({ ...env, RAPPORT_DATA_KEY: newKey }, [
      `${CLIENT}: mydata`,
      `rivera: summary ${ALIAS}`,
    ]);
    expect(after[0]?.text).toContain(`comment: ${COMMENT}`);
    expect(after[0]?.text).toContain(`Name here: ${ALIAS}`);
    expect(after[0]?.text).toContain(`${RISK}, I've been stockpiling my pills`);
    expect(after[0]?.text).toContain(`Emergency details your therapist recorded: ${CONTACT}`);
    expect(after.find((m) => m.to === "rivera")?.text).toContain(`${ALIAS} · episode since`);
    // The old key alone no longer opens anything.
    const stale = await runCli(
      ["console", "--json", "--script", "-"],
      { ...env, RAPPORT_DATA_KEY: oldKey },
      `${CLIENT}: mydata\n`,
    );
    expect(stale.stdout).not.toContain(COMMENT);
  });

  it("without a key keeps the values readable in the file (demo), and refuses a malformed key naming the setting", async () => {
    const env = freshEnv();
    await sealedPractice(env);
    expect(fileHolds(env.RAPPORT_DB ?? "", COMMENT)).toEqual([COMMENT]);
    const bad = await runCli(["console", "--script", "-"], freshEnv({ RAPPORT_DATA_KEY: "too-short" }));
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain("RAPPORT_DATA_KEY must be 32 random bytes in base64");
  });

  it("encrypts a database that had no key when the first key is set", async () => {
    const env = freshEnv();
    await sealedPractice(env);
    const key = randomBytes(32).toString("base64");
    const rotated = await runCli(["rotate-key"], { ...env, RAPPORT_DATA_KEY: key });
    expect(rotated.code).toBe(0);
    // There was no old key: what is said is about the backups made before, which are not sealed.
    expect(rotated.stdout).toContain("Backups made before now are not sealed");
    expect(rotated.stdout).not.toContain("old key");
    expect(fileHolds(env.RAPPORT_DB ?? "", COMMENT, ALIAS)).toEqual([]);
    const after = await script({ ...env, RAPPORT_DATA_KEY: key }, [`${CLIENT}: mydata`]);
    expect(after[0]?.text).toContain(`comment: ${COMMENT}`);
  });
});
