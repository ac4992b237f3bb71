import type { FieldCrypto } from "../field-crypto.js";
import { answerValue, clientName, instrumentsOf, toCheckin } from "../sqlite/rows.js";
import type { Answer, Client, ClientStatus, CompletedCheckin } from "../types.js";
import type { PgContext, Row } from "./context.js";

/**
 * Rows as PostgreSQL returns them, made into the store's records. The mappings that do not depend
 * on the database (sealed values opened in their place, JSON read) are SQLite's own
 * (src/store/sqlite/rows.ts), so both stores read a record the same way; what differs (booleans)
 * is here.
 */

export {
  answerValue,
  clientName,
  instrumentsOf,
  toCheckin,
  toFit,
  toIdentity,
  toOutboxRow,
  toSchedule,
} from "../sqlite/rows.js";

/** A client's row with their sealed name (the readable alias). */
export const CLIENTS = "SELECT cl.*, p.name AS name FROM clients cl JOIN people p ON p.id = cl.person_id";

export function toClient(row: Row, c: FieldCrypto): Client {
  return {
    personId: Number(row.person_id),
    therapistId: Number(row.therapist_id),
    alias: clientName(c, row.name, Number(row.person_id)),
    status: row.status as ClientStatus,
    age: row.age === null || row.age === undefined ? null : Number(row.age),
    timeZone: (row.time_zone as string | null) ?? null,
    pausedAt: (row.paused_at as string | null) ?? null,
    resumeQuestion: row.resume_question === true,
    instruments: instrumentsOf(row.instruments),
    language: (row.language as string | null | undefined) ?? null,
  };
}

/** Completed check-ins with their answers, in the order of each check-in's plan (one query for all). */
export async function withAnswers(q: PgContext, rows: Row[]): Promise<CompletedCheckin[]> {
  const checkins = rows.map((row) => toCheckin(row, q.c));
  if (checkins.length === 0) return [];
  const answers = await q.all<{ checkin_id: number; instrument: string; item: string; value: string }>(
    "SELECT checkin_id, instrument, item, value FROM answers WHERE checkin_id = ANY($1::bigint[])",
    [checkins.map((ch) => ch.id)],
  );
  const byKey = new Map(answers.map((a) => [`${a.checkin_id}.${a.instrument}.${a.item}`, a]));
  return checkins.map((checkin) => {
    // Answers in the order of the plan, which is the order they were asked.
    const ordered: Answer[] = [];
    for (const p of checkin.plan) {
      const a = byKey.get(`${checkin.id}.${p.instrument}.${p.item}`);
      if (a) ordered.push({ ...p, value: answerValue(q.c, checkin.id, p.instrument, p.item, a.value) });
    }
    return { ...checkin, answers: ordered };
  });
}
