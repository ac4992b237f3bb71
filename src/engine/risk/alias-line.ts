import type { Wording } from "../../prompts/render.js";
import type { Client, Tx } from "../../store/types.js";
import { formatDay } from "../format.js";

/**
 * The client as an urgent message names them: the alias, and for a discharged client that they
 * were discharged and when ("alex (discharged Dec 5, 2026)"), so neither the therapist nor the
 * on-call contact looks for them on the active caseload.
 */
export async function alertAlias(tx: Tx, w: Wording, client: Client, timeZone: string): Promise<string> {
  return aliasAsDischarged(w, client.alias, await dischargedAt(tx, client), timeZone);
}

/** The alias with the discharge's date when `ended` (from `dischargedAt`) is set: for a caller that read it already. */
export function aliasAsDischarged(
  w: Wording,
  alias: string,
  ended: string | undefined,
  timeZone: string,
): string {
  if (!ended) return alias;
  return w.t("risk_alias_discharged", { alias, date: formatDay(ended, w.pack.language, timeZone) });
}

/** When the client was discharged: the latest episode has ended, and no new one has begun. */
export async function dischargedAt(tx: Tx, client: Client): Promise<string | undefined> {
  return (await tx.episodesOf(client.personId)).at(-1)?.endedAt ?? undefined;
}
