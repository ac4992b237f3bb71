import type { Wording } from "../../prompts/render.js";
import type { CaseloadEntry, DigestFacts } from "../../store/types.js";
import { formatDay } from "../format.js";

/**
 * The digest's check-ins that expired unfinished this week, one line each. A client's latest also
 * says how many in a row went unanswered when more than one did ("2 in a row"): a client going quiet
 * is the dropout a therapist can still prevent, and `clients` alone said so before.
 */
export function expiredItems(
  w: Wording,
  expired: DigestFacts["expired"],
  caseload: readonly CaseloadEntry[],
  zone: string,
  /** A client's status, for one named here and in no line of news: on their latest item. */
  statuses: ReadonlyMap<string, string> = new Map(),
): string[] {
  const inARow = new Map(caseload.map((e) => [e.client.alias, e.unanswered]));
  const latest = new Map(expired.map((x, i) => [x.alias, i]));
  return expired.map((x, i) => {
    const date = formatDay(x.at, w.pack.language, zone);
    const count = inARow.get(x.alias) ?? 0;
    const isLatest = latest.get(x.alias) === i;
    const item =
      isLatest && count > 1
        ? w.t("digest_expired_item_in_a_row", { alias: x.alias, date, count })
        : w.t("digest_expired_item", { alias: x.alias, date });
    const status = isLatest ? statuses.get(x.alias) : undefined;
    return status ? w.t("digest_item_status", { item, status }) : item;
  });
}

/** The aliases with a check-in in the week's expired list: not "nothing new". */
export function expiredAliases(expired: DigestFacts["expired"]): ReadonlySet<string> {
  return new Set(expired.map((x) => x.alias));
}
