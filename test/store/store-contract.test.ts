import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import type { Store } from "../../src/store/types.js";
import { recording } from "./contract/coverage.js";
import { type OpenStore, runStoreContract } from "./contract.js";

/** A fresh SQLite store in a folder of its own, plain or with a data key. */
function sqlite(sealed: boolean): OpenStore {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-contract-"));
    const keys = sealed ? [parseDataKey(randomBytes(32).toString("base64"))] : [];
    const store = SqliteStore.open(join(dir, "r.db"), new Date(), { keys });
    return {
      store,
      close: () => {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/** The SQLite store held to the store contract, plain (noting what the contract calls) and sealed. */
const plain = recording(sqlite(false));
runStoreContract("SQLite", plain.open);
runStoreContract("SQLite, sealed", sqlite(true));

/** Runs after the contract on the plain store (tests in a file run in order). */
describe("store contract coverage", () => {
  it("exercises every method of the SQLite store's Tx", () => {
    expect(plain.has.tx.size).toBeGreaterThan(0);
    expect([...plain.has.tx].filter((name) => !plain.seen.tx.has(name))).toEqual([]);
  });

  it("exercises every method of the Store interface", () => {
    // A record over keyof Store: a method added to the interface must be named here to compile.
    const storeMethods: Record<keyof Store, true> = {
      transaction: true,
      exportAnswers: true,
      finishedEpisodeScores: true,
      saveFit: true,
      pseudonym: true,
      sendableRecipients: true,
      nextSendable: true,
      markSent: true,
      markSentMany: true,
      markRetry: true,
      markFailed: true,
      bringForward: true,
      nextAttemptAt: true,
      pending: true,
      ping: true,
      close: true,
    };
    expect(Object.keys(storeMethods).filter((name) => !plain.seen.store.has(name))).toEqual([]);
  });
});
