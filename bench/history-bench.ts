import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../src/store/sqlite/store.js";
import { CHECKIN_PLAN } from "./scale-data.js";
import { pct } from "./stats.js";

/** Past check-ins of the clients measured: a few weeks, a year of weekly sessions, two years. */
const HISTORY_SIZES = [10, 50, 100] as const;

/**
 * What grows with a client's therapy: every completed check-in's report reads the client's whole
 * history (its episode's earlier totals), so its cost is per past check-in. Measured in the store
 * on a SQLite file: a client's completed check-ins with their answers, each read in a transaction
 * of its own as the report's is, median of 50 to 500 passes after 20 unmeasured, per read and per past check-in.
 */
export async function historyBench(): Promise<{ size: number; perRead: number; perCheckin: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), "rapport-history-"));
  const store = SqliteStore.open(join(dir, "history.db"));
  const now = "2026-12-01T10:00:00.000Z";
  try {
    const clients = await store.transaction(async (tx) => {
      const therapist = await tx.createPerson("therapist", "Dr Rivera", now);
      const ids: number[] = [];
      for (const size of HISTORY_SIZES) {
        const client = await tx.createClient(therapist, `client${size}`, now);
        for (let k = 0; k < size; k++) {
          const checkin = await tx.createCheckin(client.personId, [...CHECKIN_PLAN], now);
          for (const p of CHECKIN_PLAN)
            await tx.saveAnswer(checkin.id, { ...p, value: (k * 3 + p.item.length) % 11 }, now);
          await tx.completeCheckin(checkin.id, null, now);
        }
        ids.push(client.personId);
      }
      return ids;
    });
    const rows: { size: number; perRead: number; perCheckin: number }[] = [];
    const read = async (i: number): Promise<number> => {
      const started = process.hrtime.bigint();
      const history = await store.transaction((tx) => tx.completedCheckins(clients[i] ?? 0));
      if (history.length !== HISTORY_SIZES[i]) throw new Error(`read ${history.length} check-ins`);
      return Number(process.hrtime.bigint() - started) / 1000;
    };
    // Unmeasured passes first: the first reads compile the code they run.
    for (let pass = 0; pass < 20; pass++) for (const i of HISTORY_SIZES.keys()) await read(i);
    for (const [i, size] of HISTORY_SIZES.entries()) {
      const times: number[] = [];
      for (let pass = 0; pass < 5000 / size; pass++) times.push(await read(i));
      const perRead = pct(times, 50);
      rows.push({ size, perRead, perCheckin: perRead / size });
    }
    return rows;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function historyLines(rows: Awaited<ReturnType<typeof historyBench>>): string[] {
  return [
    `History read at each check-in's report (a client's completed check-ins with their answers, SQLite): ${rows
      .map(
        (r) =>
          `${r.size} past check-ins ${(r.perRead / 1000).toFixed(2)} ms (${r.perCheckin.toFixed(1)} µs each)`,
      )
      .join(", ")}`,
  ];
}
