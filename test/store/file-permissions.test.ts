import { chmodSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteStore, widePermissions } from "../../src/store/sqlite/store.js";

// Health data: the database folder is created 0700 and its files 0600; wider ones are reported.
describe("the database's permissions", () => {
  it("creates the folder 0700 and the file, -wal and -shm 0600", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "rapport-perm-")), "data");
    const path = join(dir, "rapport.db");
    const store = SqliteStore.open(path);
    await store.transaction(async (tx) => {
      await tx.createPerson("therapist", "Dr Rivera", new Date().toISOString());
    });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const p of [path, `${path}-wal`, `${path}-shm`]) expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(widePermissions(path)).toEqual([]);
    chmodSync(path, 0o644);
    expect(widePermissions(path)).toEqual([path]);
    store.close();
  });
});
