import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { fullScans, planning } from "./contract/query-plans.js";
import { runStoreContract } from "./contract.js";

const planned = planning(async () => {
  const dir = mkdtempSync(join(tmpdir(), "rapport-plans-"));
  const store = SqliteStore.open(join(dir, "r.db"));
  return { store, close: () => rmSync(dir, { recursive: true, force: true }) };
});

/** The contract runs every method of the store, so every statement it has is planned here. */
runStoreContract("SQLite, every statement's plan asked", planned.open);

/**
 * Statements that read a whole table by design, each with why that is right. Anything else that
 * reads a whole table would read a clinic group's million check-ins or every message it ever sent
 * on a path a client or therapist waits on, or in the timed steps every 15 seconds.
 */
const WHOLE_TABLE_BY_DESIGN: Record<string, string> = {
  "SELECT ch.client_id AS clientId": "rapport export: every answer of the clinic, once per export",
  "SELECT e.id AS episode_id, c.age": "rapport calibrate: every finished episode's totals, once per fit",
  "SELECT COUNT(*) AS n FROM clients WHERE status":
    "rapport status: the clinic's clients by state, once per command",
  "SELECT * FROM trajectory_fits ORDER BY id DESC LIMIT 1":
    "the newest row by its key: one row read, from the end",
};

describe("query plans: no statement reads a whole table it does not mean to", () => {
  it("asked the plan of the statements of every part of the store", () => {
    // Fewer would mean the wrapping missed statements, and the test below would pass on nothing.
    expect(planned.plans.size).toBeGreaterThan(150);
  });

  it("finds its rows through an index, outside the reads meant to be whole", () => {
    const found: string[] = [];
    for (const [sql, plan] of planned.plans) {
      const oneLine = sql.replace(/\s+/g, " ").trim();
      if (Object.keys(WHOLE_TABLE_BY_DESIGN).some((start) => oneLine.startsWith(start))) continue;
      const scans = fullScans(plan, planned.partialIndexes);
      if (scans.length > 0) found.push(`${oneLine}: ${scans.join("; ")}`);
    }
    expect(found).toEqual([]);
  });

  it("still meets each read meant to be whole (a stale entry would excuse a new statement)", () => {
    const sqls = [...planned.plans.keys()].map((sql) => sql.replace(/\s+/g, " ").trim());
    for (const start of Object.keys(WHOLE_TABLE_BY_DESIGN)) {
      expect(
        sqls.some((sql) => sql.startsWith(start)),
        start,
      ).toBe(true);
    }
  });
});
