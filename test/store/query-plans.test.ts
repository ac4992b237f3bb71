import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import {
  fullScans,
  meantWhole,
  oneLine,
  planning,
  staleEntries,
  unindexedForeignKeys,
} from "./contract/query-plans.js";
import { runStoreContract } from "./contract.js";

const planned = planning(async () => {
  const dir = mkdtempSync(join(tmpdir(), "rapport-plans-"));
  const store = SqliteStore.open(join(dir, "r.db"));
  return { store, close: () => rmSync(dir, { recursive: true, force: true }) };
});

/** The contract runs every method of the store, so every statement it has is planned here. */
runStoreContract("SQLite, every statement's plan asked", planned.open);

describe("query plans: no statement reads a whole table it does not mean to", () => {
  it("asked the plan of the statements of every part of the store", () => {
    // Fewer would mean the wrapping missed statements, and the test below would pass on nothing.
    expect(planned.plans.size).toBeGreaterThan(150);
  });

  it("finds its rows through an index, outside the reads meant to be whole", () => {
    const found: string[] = [];
    for (const [sql, plan] of planned.plans) {
      if (meantWhole(sql, "sqlite")) continue;
      const scans = fullScans(plan, planned.partialIndexes);
      if (scans.length > 0) found.push(`${oneLine(sql)}: ${scans.join("; ")}`);
    }
    expect(found).toEqual([]);
  });

  it("still meets each read meant to be whole", () => {
    expect(staleEntries(planned.plans.keys(), "sqlite")).toEqual([]);
  });

  it("indexes the column of every foreign key in the table that points", () => {
    // A plan leaves out what a foreign key does on delete: an erasure deletes a person, whose
    // episodes and check-ins cascade, and each deleted row is looked up in every table pointing at it.
    const dir = mkdtempSync(join(tmpdir(), "rapport-keys-"));
    const store = SqliteStore.open(join(dir, "r.db"));
    try {
      expect(unindexedForeignKeys(store.connection)).toEqual([]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
