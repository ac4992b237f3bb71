import { it } from "vitest";
import { testStore } from "../support/store-matrix.js";

/**
 * `it` for tests of the SQLite store itself (its file, re-sealing it) in a file that the store
 * matrix also runs on PostgreSQL (test/support/store-matrix.ts): there they are skipped, and the
 * skipped test's name says why.
 */
export function sqliteOnly(reason: string): (name: string, fn: () => Promise<void>) => void {
  return (name, fn) => {
    if (testStore() === "postgres") it.skip(`${name} [SQLite only: ${reason}]`, fn);
    else it(name, fn);
  };
}
