import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDataKey } from "../../src/store/field-crypto.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { runStoreContract } from "./contract.js";

/** The SQLite store held to the store contract, plain and with a data key. */
for (const sealed of [false, true]) {
  runStoreContract(sealed ? "SQLite, sealed" : "SQLite", async () => {
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
  });
}
