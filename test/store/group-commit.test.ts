import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/store.js";

/** SQLite only: transactions asked for together share one commit, each in its own savepoint. */
describe("group commit", () => {
  let dir: string;
  let path: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "rapport-group-"));
    path = join(dir, "rapport.db");
    store = SqliteStore.open(path);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Therapists' names, as another process reading the file sees them (committed rows only). */
  const committedNames = () => {
    const reader = new Database(path, { readonly: true });
    try {
      return (reader.prepare("SELECT name FROM people ORDER BY id").all() as { name: string }[]).map(
        (r) => r.name,
      );
    } finally {
      reader.close();
    }
  };

  it("commits transactions asked for together at once, rolls back only the one that fails, and answers after the commit", async () => {
    const at = "2026-12-01T10:00:00.000Z";
    let seenByReaderDuringBatch: string[] | undefined;
    const first = store.transaction((tx) => tx.createPerson("therapist", "Dr A", at));
    const failing = store.transaction(async (tx) => {
      await tx.createPerson("therapist", "Dr B", at);
      throw new Error("this event fails");
    });
    const third = store.transaction(async (tx) => {
      // Dr A's transaction has run but is not committed yet: the batch commits as one.
      seenByReaderDuringBatch = committedNames();
      return tx.createPerson("therapist", "Dr C", at);
    });
    const results = await Promise.allSettled([first, failing, third]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error("this event fails"));
    expect(seenByReaderDuringBatch).toEqual([]);
    expect(committedNames()).toEqual(["Dr A", "Dr C"]);
    // The store goes on: a later transaction commits by itself.
    await store.transaction((tx) => tx.createPerson("therapist", "Dr D", at));
    expect(committedNames()).toEqual(["Dr A", "Dr C", "Dr D"]);
  });

  it("answers every waiting transaction with the error when the connection is gone, none waits for ever", async () => {
    store.close();
    const asked = [1, 2, 3].map(() => store.transaction((tx) => tx.getPerson(1)));
    const results = await Promise.allSettled(asked);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
  });
});
