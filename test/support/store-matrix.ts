/**
 * The store matrix: the engine's end-to-end tests run on both stores. `vitest run` has two
 * projects (vitest.config.ts): `sqlite` runs every test file as it always has, and `postgres` runs
 * the files below again with RAPPORT_TEST_STORE=postgres, each Conversation
 * (test/helpers/conversation.ts) on a database of its own on one throwaway server per run.
 *
 * In the matrix: every file that drives the engine through a Conversation (the clinical rules,
 * the risk path, privacy and erasure, scheduling, the outbox), the delivery settlement, which
 * writes through the store in one transaction with the therapist's notice, and the sealing of
 * what the engine stores (its tests that re-open a SQLite file are marked `sqliteOnly`).
 * Left to SQLite: the store's own SQLite tests (test/store: the file, its WAL and what erasure
 * leaves in it, its permissions, its lock, its migrations), the CLI's end-to-end tests (they run
 * the built CLI on a SQLite file; test/cli/postgres-console.test.ts runs it on PostgreSQL), the
 * adapters (the store does not change what a platform is sent), and the engine's pure tests
 * listed below (no store). The store contract runs on both in its own files.
 */

/** The environment variable that selects the store of a test process. */
export const TEST_STORE_VAR = "RAPPORT_TEST_STORE";

export type TestStoreKind = "sqlite" | "postgres";

/** The store this test process runs on: SQLite unless the matrix's PostgreSQL project says so. */
export function testStore(): TestStoreKind {
  return process.env[TEST_STORE_VAR] === "postgres" ? "postgres" : "sqlite";
}

/** The files run on PostgreSQL too. */
export const MATRIX_INCLUDE = [
  "test/engine/*.test.ts",
  "test/delivery/settle.test.ts",
  "test/store/sealing.test.ts",
];

/** Files of the engine's folder that open no store: pure decisions, run once. */
export const MATRIX_EXCLUDE = [
  "test/engine/chat-words.test.ts",
  "test/engine/client-alias.test.ts",
  "test/engine/flood-limiter.test.ts",
  "test/engine/identity-refresh.test.ts",
  "test/engine/instrument-plan.test.ts",
  "test/engine/score-input.test.ts",
  "test/engine/skip-label.test.ts",
  "test/engine/yes-no.test.ts",
];
