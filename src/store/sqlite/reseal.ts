import type Database from "better-sqlite3";
import { identityPlace, outboxPlace } from "../common/places.js";
import type { FieldCrypto, Place } from "../field-crypto.js";
import { SEALED } from "../sealed-places.js";

type Row = Record<string, unknown>;

/**
 * Re-seals every sealed value (src/store/sealed-places.ts) with the new crypto and recomputes
 * every lookup and event hash, in the caller's transaction. Returns how many values were written.
 */
export function reseal(
  db: Database.Database,
  read: (stored: string, place: Place) => string,
  next: FieldCrypto,
  rehashEvents: boolean,
): number {
  let count = 0;
  for (const { table, column, keys, where } of SEALED) {
    const update = db.prepare(
      `UPDATE ${table} SET ${column} = ? WHERE ${keys.map((k) => `${k} = ?`).join(" AND ")}`,
    );
    const rows = db
      .prepare(
        `SELECT ${keys.join(", ")}, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL${where ? ` AND ${where}` : ""}`,
      )
      .all() as Row[];
    for (const r of rows) {
      const key = keys.map((k) => r[k] as string | number);
      const place = { table, column, row: key.join(":") };
      update.run(next.seal(read(String(r.v), place), place), ...key);
      count++;
    }
  }
  const alias = db.prepare("UPDATE clients SET alias = ? WHERE person_id = ?");
  for (const r of db.prepare("SELECT id, name FROM people WHERE role = 'client'").all() as Row[]) {
    const place = { table: "people", column: "name", row: Number(r.id) };
    alias.run(next.lookup(next.enabled ? next.open(String(r.name), place) : String(r.name)), r.id);
  }
  count += resealAddresses(db, read, next);
  if (rehashEvents) {
    const events = db.prepare("SELECT channel, event_id FROM inbound_events").all() as Row[];
    const rehash = db.prepare("UPDATE inbound_events SET event_id = ? WHERE channel = ? AND event_id = ?");
    for (const e of events) {
      rehash.run(next.digest("inbound-events", `${e.channel}:${e.event_id}`), e.channel, e.event_id);
    }
  }
  return count;
}

/** Identities and queued messages: the address sealed together with the platform id it hashes. */
function resealAddresses(
  db: Database.Database,
  read: (stored: string, place: Place) => string,
  next: FieldCrypto,
): number {
  let count = 0;
  const identity = db.prepare(
    "UPDATE identities SET external_id = ?, address = ? WHERE channel = ? AND external_id = ?",
  );
  for (const r of db.prepare("SELECT channel, external_id, address FROM identities").all() as Row[]) {
    const plain = read(String(r.address), identityPlace(String(r.channel), String(r.external_id)));
    const { externalId } = JSON.parse(plain) as { externalId: string };
    const hashed = next.lookup(externalId);
    identity.run(
      hashed,
      next.seal(plain, identityPlace(String(r.channel), hashed)),
      r.channel,
      r.external_id,
    );
    count++;
  }
  const queued = db.prepare("UPDATE outbox SET external_id = ?, address = ?, message = ? WHERE id = ?");
  for (const r of db
    .prepare("SELECT id, address, message FROM outbox WHERE status = 'pending'")
    .all() as Row[]) {
    const id = Number(r.id);
    const plain = read(String(r.address), outboxPlace("address", id));
    const { externalId } = JSON.parse(plain) as { externalId: string };
    const message = read(String(r.message), outboxPlace("message", id));
    queued.run(
      next.lookup(externalId),
      next.seal(plain, outboxPlace("address", id)),
      next.seal(message, outboxPlace("message", id)),
      id,
    );
    count++;
  }
  return count;
}
