import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { databaseAt } from "./schema-at.js";

/**
 * A database of the previous schema (version 4) with a client, opened by this version: the client
 * follows the clinic's instruments and the platform's language until their therapist sets them.
 */
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function version4(path: string): void {
  const at = "2026-11-20T10:00:00.000Z";
  databaseAt(
    path,
    4,
    `
    INSERT INTO people (id, role, name, created_at) VALUES (1, 'therapist', 'Dr T', '${at}'), (2, 'client', 'alex', '${at}');
    INSERT INTO clients (person_id, therapist_id, alias, status, created_at) VALUES (2, 1, 'alex', 'active', '${at}');
  `,
  );
}

describe("migration to schema 5", () => {
  it("gives an existing client no plan and no language of their own, and keeps one set afterwards", async () => {
    dir = mkdtempSync(join(tmpdir(), "rapport-v5-"));
    const path = join(dir, "r.db");
    version4(path);
    const store = SqliteStore.open(path);
    expect(await store.transaction((tx) => tx.getClient(2))).toMatchObject({
      alias: "alex",
      status: "active",
      instruments: null,
      language: null,
    });
    await store.transaction(async (tx) => {
      await tx.setClientInstruments(2, ["progress", "alliance"]);
      await tx.setClientLanguage(2, "de");
    });
    store.close();
    const again = SqliteStore.open(path);
    expect(await again.transaction((tx) => tx.getClient(2))).toMatchObject({
      instruments: ["progress", "alliance"],
      language: "de",
    });
    // On disk: a plan is JSON or nothing, so a bad write cannot leave a client without check-ins.
    expect(() =>
      again.connection.prepare("UPDATE clients SET instruments = 'progress' WHERE person_id = 2").run(),
    ).toThrow(/CHECK constraint failed/);
    again.close();
  });
});
