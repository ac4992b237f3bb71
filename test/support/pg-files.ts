import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import pg from "pg";
import type { TestPostgres } from "./postgres.js";

/**
 * What the files of a throwaway server's tables hold, read as bytes: every relation of the
 * database's `public` schema (tables, their indexes) and their TOAST tables, each with its
 * segments (`16384`, `16384.1`, …). Dirty pages are written out first (CHECKPOINT), so the files
 * hold what the server holds.
 */
export async function tableFilesHolding(
  server: TestPostgres,
  database: string,
  needles: readonly string[],
): Promise<string[]> {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    await client.query("CHECKPOINT");
    const relations = (
      await client.query<{ name: string; path: string }>(
        `SELECT c.relname AS name, pg_relation_filepath(c.oid) AS path FROM pg_class c
         WHERE pg_relation_filepath(c.oid) IS NOT NULL
           AND (c.relnamespace = 'public'::regnamespace
             OR c.oid IN (SELECT reltoastrelid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
             OR c.oid IN (SELECT i.indexrelid FROM pg_index i JOIN pg_class t ON t.reltoastrelid = i.indrelid
                          WHERE t.relnamespace = 'public'::regnamespace))`,
      )
    ).rows;
    const found: string[] = [];
    for (const { name, path } of relations) {
      const folder = join(server.dir, "data", dirname(path));
      if (!existsSync(folder)) continue;
      const segments = readdirSync(folder).filter(
        (f) => f === basename(path) || f.startsWith(`${basename(path)}.`),
      );
      for (const file of segments) {
        const bytes = readFileSync(join(folder, file));
        for (const n of needles) if (bytes.includes(Buffer.from(n, "utf8"))) found.push(`${name}: ${n}`);
      }
    }
    return [...new Set(found)].sort();
  } finally {
    await client.end();
  }
}
