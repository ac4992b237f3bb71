import type pg from "pg";
import { RapportError } from "../../errors.js";
import { identityPlace, outboxPlace, place } from "../common/places.js";
import type { DataKey, FieldCrypto, Place } from "../field-crypto.js";
import { oldReader, RESEALED_TABLES, SEALED } from "../sealed-places.js";
import { CURRENT_FORMAT, type SealingState } from "../sealing.js";
import { refuseWhileServed } from "./instances.js";

type Row = Record<string, unknown>;
type Read = (stored: string, place: Place) => string;

/** Rows read and written per statement: memory stays flat however large the database. */
const PAGE = 1000;

/**
 * Brings every sealed value to the configured key, in one transaction on `client`, which holds
 * the migration lock (so an instance starting meanwhile waits for the re-seal, then opens
 * with the new state); refused while another server is connected. After the commit
 * the tables are rewritten (VACUUM FULL), so that their files keep no value in its old form, as
 * SQLite's re-seal rewrites the file. Returns how many values were written.
 */
export async function resealDatabase(
  client: pg.ClientBase,
  state: SealingState,
  keys: readonly DataKey[],
  crypto: FieldCrypto,
): Promise<number> {
  // A PostgreSQL database starts in the current form, and a copied SQLite file must be in it too.
  if (state.format !== CURRENT_FORMAT) {
    throw new RapportError(
      `RAPPORT_DATABASE_URL: the database's values are in an earlier form (${state.format}), which rapport never writes on PostgreSQL`,
      "db_reseal",
    );
  }
  // A server running with the old key would go on writing with it. Its own server's session
  // (serve started with a new key) is not counted.
  // The cause is this instance's RAPPORT_DATA_KEY, which differs from the running ones': named.
  await refuseWhileServed(
    client,
    state.keyId === null
      ? 'RAPPORT_DATA_KEY: this instance has a key, but the database in use by a running rapport serve is not encrypted, and cannot be encrypted while a server runs on it. Start this instance without RAPPORT_DATA_KEY, as the running ones are; or stop every server and encrypt it with rapport rotate-key (README, "Privacy and security")'
      : `RAPPORT_DATA_KEY: this instance has a new key, but the database in use by a running rapport serve is sealed with key ${state.keyId}, and cannot be re-sealed while a server runs on it. Start this instance with the key the running ones use; or stop every server and re-seal it with rapport rotate-key --old OLD_KEY`,
  );
  let count = 0;
  await client.query("BEGIN");
  try {
    count = await reseal(client, oldReader(state, crypto, keys), crypto);
    await client.query("UPDATE sealing SET key_id = $1, format = $2 WHERE id = 1", [
      keys[0]?.id ?? null,
      CURRENT_FORMAT,
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
  // Outside the transaction (VACUUM cannot run in one): the old row versions held the values
  // in their old form (in clear, for a first key) until their space is rewritten.
  for (const table of RESEALED_TABLES) await client.query(`VACUUM (FULL) ${table}`);
  return count;
}

/** Every sealed value re-sealed, every lookup hash recomputed: SQLite's re-seal, a page at a time. */
async function reseal(client: pg.ClientBase, read: Read, next: FieldCrypto): Promise<number> {
  let count = 0;
  for (const { table, column, keys, where } of SEALED) {
    const filter = `${column} IS NOT NULL${where ? ` AND ${where}` : ""}`;
    for await (const rows of pages(client, table, keys, `${column} AS v`, filter)) {
      const sealed = rows.map((r) => {
        const at = place(table, column, keys.map((k) => r[k]).join(":"));
        return next.seal(read(String(r.v), at), at);
      });
      await updateByKey(client, table, keys, rows, { [column]: sealed });
      count += rows.length;
    }
  }
  // An alias is looked up by its hash: recomputed from the name just sealed again.
  for await (const rows of pages(client, "people", ["id"], "name", "role = 'client'")) {
    const aliases = rows.map((r) => {
      const name = String(r.name);
      return next.lookup(next.enabled ? next.open(name, place("people", "name", Number(r.id))) : name);
    });
    const clients = rows.map((r) => ({ person_id: r.id }));
    await updateByKey(client, "clients", ["person_id"], clients, { alias: aliases });
  }
  return count + (await resealIdentities(client, read, next)) + (await resealQueued(client, read, next));
}

/**
 * Identities: the address sealed together with the platform id it hashes. The hash is part of the
 * key, so the keys are read first (one short pair per identity) and the rows a page at a time.
 */
async function resealIdentities(client: pg.ClientBase, read: Read, next: FieldCrypto): Promise<number> {
  const keys = (await client.query<Row>("SELECT channel, external_id FROM identities")).rows;
  for (let i = 0; i < keys.length; i += PAGE) {
    const page = keys.slice(i, i + PAGE);
    const rows = (
      await client.query<Row>(
        `SELECT i.channel, i.external_id, i.address FROM identities i
         JOIN unnest($1::text[], $2::text[]) AS k(channel, external_id)
           ON i.channel = k.channel AND i.external_id = k.external_id`,
        [page.map((r) => r.channel), page.map((r) => r.external_id)],
      )
    ).rows;
    const hashed: string[] = [];
    const sealed: string[] = [];
    for (const r of rows) {
      const plain = read(String(r.address), identityPlace(String(r.channel), String(r.external_id)));
      const { externalId } = JSON.parse(plain) as { externalId: string };
      const hash = next.lookup(externalId);
      hashed.push(hash);
      sealed.push(next.seal(plain, identityPlace(String(r.channel), hash)));
    }
    await updateByKey(client, "identities", ["channel", "external_id"], rows, {
      external_id: hashed,
      address: sealed,
    });
  }
  return keys.length;
}

/** Queued messages: the recipient's hash, the address and the message, bound to the row. */
async function resealQueued(client: pg.ClientBase, read: Read, next: FieldCrypto): Promise<number> {
  let count = 0;
  for await (const rows of pages(client, "outbox", ["id"], "address, message", "status = 'pending'")) {
    const hashed: string[] = [];
    const addresses: string[] = [];
    const messages: string[] = [];
    for (const r of rows) {
      const at = {
        address: outboxPlace("address", Number(r.id)),
        message: outboxPlace("message", Number(r.id)),
      };
      const plain = read(String(r.address), at.address);
      const { externalId } = JSON.parse(plain) as { externalId: string };
      hashed.push(next.lookup(externalId));
      addresses.push(next.seal(plain, at.address));
      messages.push(next.seal(read(String(r.message), at.message), at.message));
    }
    await updateByKey(client, "outbox", ["id"], rows, {
      external_id: hashed,
      address: addresses,
      message: messages,
    });
    count += rows.length;
  }
  return count;
}

/** The rows of `table` matching `filter`, `PAGE` at a time in the order of their key (keyset paging). */
async function* pages(
  client: pg.ClientBase,
  table: string,
  keys: readonly string[],
  columns: string,
  filter: string,
): AsyncGenerator<Row[]> {
  const order = keys.join(", ");
  let after: unknown[] | undefined;
  for (;;) {
    const from = after ? ` AND (${order}) > (${keys.map((_, i) => `$${i + 1}`).join(", ")})` : "";
    const rows = (
      await client.query<Row>(
        `SELECT ${order}, ${columns} FROM ${table} WHERE ${filter}${from} ORDER BY ${order} LIMIT ${PAGE}`,
        after ?? [],
      )
    ).rows;
    if (rows.length === 0) return;
    yield rows;
    const last = rows.at(-1) as Row;
    after = keys.map((k) => last[k]);
  }
}

/**
 * One UPDATE for a page of rows: the new values joined to the rows by their key (the key as it
 * was read; a column of the key may be among those set).
 */
async function updateByKey(
  client: pg.ClientBase,
  table: string,
  keys: readonly string[],
  rows: readonly Row[],
  set: Record<string, readonly string[]>,
): Promise<void> {
  if (rows.length === 0) return;
  const keyTypes = keys.map((k) => (typeof rows[0]?.[k] === "number" ? "bigint" : "text"));
  const names = Object.keys(set);
  const arrays = [...keys.map((k) => rows.map((r) => r[k])), ...names.map((n) => set[n])];
  const types = [...keyTypes, ...names.map(() => "text")];
  const unnest = types.map((t, i) => `$${i + 1}::${t}[]`).join(", ");
  const alias = [...keys.map((_, i) => `k${i}`), ...names.map((_, i) => `v${i}`)].join(", ");
  await client.query(
    `UPDATE ${table} AS t SET ${names.map((n, i) => `${n} = u.v${i}`).join(", ")}
     FROM unnest(${unnest}) AS u(${alias})
     WHERE ${keys.map((k, i) => `t.${k} = u.k${i}`).join(" AND ")}`,
    arrays,
  );
}
