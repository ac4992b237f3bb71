import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/store/postgres/migrate.js";
import { startPostgres } from "./postgres.js";

/**
 * The global setup of the matrix's PostgreSQL project (test/support/store-matrix.ts): one
 * throwaway server for the whole run, with a template database that holds the migrated schema and
 * no sealing row (each store writes its own, with its own keys). Every Conversation copies the
 * template into a database of its own (test/support/postgres-databases.ts). Without PostgreSQL
 * this throws, and the run fails: vitest.config.ts leaves the project out instead, unless under CI.
 */

export const MATRIX_TEMPLATE = "rapport_template";

/** The server, reached over its Unix socket (test/support/postgres.ts `socketUrlOf`). */
export interface MatrixPostgres {
  socketDir: string;
  port: number;
  template: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    matrixPostgres: MatrixPostgres;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${MATRIX_TEMPLATE}`);
    await admin.end();
    const template = new pg.Client({ connectionString: server.url(MATRIX_TEMPLATE) });
    await template.connect();
    await migrate(template, new Date().toISOString());
    await template.end();
  } catch (error) {
    await server.stop();
    throw error;
  }
  // The Unix socket: each query's round trip is shorter than over TCP, and tests make many.
  project.provide("matrixPostgres", {
    socketDir: server.socketDir,
    port: server.port,
    template: MATRIX_TEMPLATE,
  });
  return () => server.stop();
}
