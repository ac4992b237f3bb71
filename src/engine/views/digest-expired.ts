import type { Wording } from "../../prompts/render.js";
import type { CaseloadEntry, DigestFacts } from "../../store/types.js";
import { formatDay } from "../format.js";

/**
 * The digest's check-ins that expired unfinished this week, one line each, of the clients without a
 * line of news (theirs is said in it: `expiredParts`). A client's latest also
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
  return expiredWords(w, expired, caseload, zone).map(({ alias, date, count, isLatest }) => {
    const item =
      count > 1
        ? w.t("digest_expired_item_in_a_row", { alias, date, count })
        : w.t("digest_expired_item", { alias, date });
    const status = isLatest ? statuses.get(alias) : undefined;
    return status ? w.t("digest_item_status", { item, status }) : item;
  });
}

/**
 * A client's expired check-ins of the week said inside their line of news, so that the digest
 * names each client once: "finn: on track, no change yet; last check-in Jan 28, 2027; check-in not
 * finished (expired Feb 6, 2027)", not again under "Check-ins not finished".
 */
export function expiredParts(
  w: Wording,
  expired: DigestFacts["expired"],
  caseload: readonly CaseloadEntry[],
  zone: string,
  alias: string,
): string[] {
  const mine = expired.filter((x) => x.alias === alias);
  return expiredWords(w, mine, caseload, zone).map(({ date, count }) =>
    count > 1 ? w.t("digest_expired_part_in_a_row", { date, count }) : w.t("digest_expired_part", { date }),
  );
}

/** Each expired check-in's date; on a client's latest, how many went unanswered in a row (else 0). */
function expiredWords(
  w: Wording,
  expired: DigestFacts["expired"],
  caseload: readonly CaseloadEntry[],
  zone: string,
): { alias: string; date: string; count: number; isLatest: boolean }[] {
  const inARow = new Map(caseload.map((e) => [e.client.alias, e.unanswered]));
  const latest = new Map(expired.map((x, i) => [x.alias, i]));
  return expired.map((x, i) => {
    const isLatest = latest.get(x.alias) === i;
    const date = formatDay(x.at, w.pack.language, zone);
    return { alias: x.alias, date, count: isLatest ? (inARow.get(x.alias) ?? 0) : 0, isLatest };
  });
}

/** The aliases with a check-in in the week's expired list: not "nothing new". */
export function expiredAliases(expired: DigestFacts["expired"]): ReadonlySet<string> {
  return new Set(expired.map((x) => x.alias));
}
