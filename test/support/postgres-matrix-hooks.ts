import { afterAll } from "vitest";
import { closeDatabases } from "./postgres-databases.js";

/**
 * A setup file of the matrix's PostgreSQL project, run before each test file: after the file's
 * last test, the databases its conversations made are dropped before the process ends.
 */
afterAll(closeDatabases);
