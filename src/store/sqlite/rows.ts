import { inPlanOrder, type Row, toCheckin } from "../common/records.js";
import type { FieldCrypto } from "../field-crypto.js";
import type { CompletedCheckin } from "../types.js";
import type { Statements } from "./context.js";

/** Completed check-ins with their answers, one read of answers per check-in (each a few rows). */
export function withAnswers(s: Statements, c: FieldCrypto, rows: Row[]): CompletedCheckin[] {
  const answers = s("SELECT instrument, item, value FROM answers WHERE checkin_id = ?");
  return rows.map((row) => {
    const checkin = toCheckin(row, c);
    const byKey = new Map(
      (answers.all(checkin.id) as Row[]).map((a) => [`${a.instrument}.${a.item}`, a.value]),
    );
    return inPlanOrder(c, checkin, (instrument, item) => byKey.get(`${instrument}.${item}`));
  });
}
