import pg from "pg";
import { passingState } from "./query-plans.js";

/** The store's statements as it sent them: each SQL text with the values of its first run. */
export type Sent = Map<string, unknown[]>;

/**
 * Notes every named statement sent by any connection of this process from now on. The store
 * names each of its statements by its text (src/store/postgres/context.ts), so the named ones
 * are the store's own SQL; transactions, locks and migrations go unnamed and are left out.
 */
export function noteNamedStatements(): Sent {
  const sent: Sent = new Map();
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { name?: string; text?: string; values?: unknown[] } | undefined;
    if (config && typeof config === "object" && config.name && config.text && !sent.has(config.text)) {
      sent.set(config.text, config.values ?? []);
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return sent;
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

/**
 * The scans in PostgreSQL's plan of `sql` that read a whole table, or the whole of an index that
 * holds every row of it, planned with sequential scans switched off: PostgreSQL then takes any
 * index that can serve, so a sequential scan left means that none can. It plans on an empty
 * database by its statistics, which is why it is asked this way rather than as it would choose.
 */
export async function wholeScansPg(
  client: pg.Client,
  sql: string,
  values: unknown[],
  partialIndexes: ReadonlySet<string>,
): Promise<string[]> {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL enable_seqscan = off");
    const result = await client.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      values,
    );
    const found: string[] = [];
    const walk = (node: PlanNode) => {
      const type = node["Node Type"];
      const index = node["Index Name"];
      if (type === "Seq Scan") found.push(`Seq Scan on ${node["Relation Name"]}`);
      else if (/Index/.test(type) && index && !node["Index Cond"] && !partialIndexes.has(index)) {
        found.push(`${type} using ${index}, no condition`);
      }
      for (const child of node.Plans ?? []) walk(child);
    };
    const plan = result.rows[0]?.["QUERY PLAN"][0]?.Plan;
    if (!plan) throw new Error(`no plan for ${sql}`);
    walk(plan);
    return found;
  } finally {
    await client.query("ROLLBACK");
  }
}

/** The names of the partial indexes of the database `client` is connected to. */
export async function partialIndexesPg(client: pg.Client): Promise<Set<string>> {
  const rows = await client.query<{ name: string; definition: string }>(
    "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'",
  );
  return new Set(rows.rows.filter((row) => passingState(row.definition)).map((row) => row.name));
}

/**
 * Foreign keys whose column in the table that points leads no index: deleting the row pointed at
 * (an erasure deletes a person, their episodes and check-ins) would read that whole table for
 * every row deleted.
 */
export async function unindexedForeignKeysPg(client: pg.Client): Promise<string[]> {
  const rows = await client.query<{ key: string }>(
    `SELECT c.conrelid::regclass || '.' || a.attname AS key
     FROM pg_constraint c
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
     ORDER BY 1`,
  );
  return rows.rows.map((row) => row.key);
}
