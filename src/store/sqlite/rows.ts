import { inPlanOrder, type Row, toCheckin } from "../common/records.js";
import type { FieldCrypto } from "../field-crypto.js";
import type { CompletedCheckin } from "../types.js";

/**
 * A completed check-in's row with its answers beside it, as one JSON object by "instrument.item":
 * one row per check-in instead of a row per answer. A client's whole history is read at every
 * check-in's report; with each answer read as a row of its own, that read cost about 29 µs per
 * past check-in, and about 21 µs this way (medians, bench/RESULTS.md, 2 December).
 */
export const CHECKIN_WITH_ANSWERS = `SELECT checkins.*,
  (SELECT json_group_object(a.instrument || '.' || a.item, a.value) FROM answers a WHERE a.checkin_id = checkins.id) AS answers_json
  FROM checkins`;

/** Completed check-ins read with CHECKIN_WITH_ANSWERS, their answers in plan order. */
export function withAnswers(c: FieldCrypto, rows: Row[]): CompletedCheckin[] {
  return rows.map((row) => {
    const checkin = toCheckin(row, c);
    const stored = JSON.parse(String(row.answers_json ?? "{}")) as Record<string, unknown>;
    return inPlanOrder(c, checkin, (instrument, item) => stored[`${instrument}.${item}`]);
  });
}
