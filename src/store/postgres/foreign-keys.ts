import type pg from "pg";

/** A foreign key: rows of `child` point at rows of `parent`. */
interface ForeignKey {
  child: string;
  parent: string;
}

/** The foreign keys between the tables of the database's `public` schema, from the catalog. */
export async function foreignKeys(client: Pick<pg.ClientBase, "query">): Promise<ForeignKey[]> {
  return (
    await client.query<ForeignKey>(
      `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`,
    )
  ).rows;
}

/** Pure: `root` and every table whose rows point at it, directly or through others (what a delete of it reaches). */
export function reaching(root: string, keys: readonly ForeignKey[]): string[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    for (const k of keys) if (k.parent === found[i] && !found.includes(k.child)) found.push(k.child);
  }
  return found;
}

/**
 * Pure: the tables in an order where each comes after every table it points at, so rows can be
 * inserted table by table with every foreign key checked as they go. Ties keep the given order;
 * a table's key to itself does not count. A cycle between tables has no such order: refused.
 */
export function dependencyOrder(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const order: string[] = [];
  const left = [...tables];
  while (left.length > 0) {
    const next = left.findIndex((t) =>
      keys.every((k) => k.child !== t || k.parent === t || !left.includes(k.parent)),
    );
    if (next < 0) throw new Error(`foreign keys form a cycle between ${left.join(", ")}`);
    order.push(...left.splice(next, 1));
  }
  return order;
}
