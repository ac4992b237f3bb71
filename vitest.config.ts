import { defineConfig } from "vitest/config";
import { postgresBinaries } from "./test/support/postgres.js";
import { MATRIX_EXCLUDE, MATRIX_INCLUDE, TEST_STORE_VAR } from "./test/support/store-matrix.js";

// End-to-end tests start the built CLI in child processes; give them room on a 2-core machine.
const shared = { testTimeout: 30_000, hookTimeout: 30_000, pool: "forks" } as const;

/**
 * The store matrix (test/support/store-matrix.ts): without PostgreSQL the second project is left
 * out with a note, except under CI, where its setup then fails the run.
 */
const found = postgresBinaries();
const withPostgres = !("missing" in found) || Boolean(process.env.CI);
if (!withPostgres && "missing" in found) {
  console.warn(`The store matrix runs on SQLite only: ${found.missing}`);
}

export default defineConfig({
  test: {
    // Builds the CLI once for the whole run, whichever projects run.
    globalSetup: ["test/global-setup.ts"],
    projects: [
      { test: { name: "sqlite", include: ["test/**/*.test.ts"], ...shared } },
      ...(withPostgres
        ? [
            {
              test: {
                name: "postgres",
                include: MATRIX_INCLUDE,
                exclude: MATRIX_EXCLUDE,
                env: { [TEST_STORE_VAR]: "postgres" },
                globalSetup: ["test/support/postgres-matrix-setup.ts"],
                setupFiles: ["test/support/postgres-matrix-hooks.ts"],
                ...shared,
                // Now and then under a full run's load, a conversation test on PostgreSQL gets no
                // reply from the worker's drain, with no error logged (test/helpers/conversation.ts
                // would name one); the same tests pass alone. Its cause is not found yet: until it
                // is, a test that fails once here runs once more, and a failure that repeats still
                // fails the run.
                retry: 1,
              },
            },
          ]
        : []),
    ],
  },
});
