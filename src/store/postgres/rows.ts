import { inPlanOrder, toCheckin } from "../common/records.js";
import type { CompletedCheckin } from "../types.js";
import type { PgContext, Row } from "./context.js";

/** Completed check-ins with their answers, in the order of each check-in's plan (one query for all). */
export async function withAnswers(q: PgContext, rows: Row[]): Promise<CompletedCheckin[]> {
  const checkins = rows.map((row) => toCheckin(row, q.c));
  if (checkins.length === 0) return [];
  const answers = await q.all<{ checkin_id: number; instrument: string; item: string; value: string }>(
    "SELECT checkin_id, instrument, item, value FROM answers WHERE checkin_id = ANY($1::bigint[])",
    [checkins.map((ch) => ch.id)],
  );
  const byKey = new Map(answers.map((a) => [`${a.checkin_id}.${a.instrument}.${a.item}`, a.value]));
  return checkins.map((checkin) =>
    inPlanOrder(q.c, checkin, (instrument, item) => byKey.get(`${checkin.id}.${instrument}.${item}`)),
  );
}
