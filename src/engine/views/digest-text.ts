import type { Assessment } from "../../clinical/assessment.js";
import type { Wording } from "../../prompts/render.js";
import { localDate } from "../../schedule/local-time.js";
import type { DigestFacts, RiskAlert } from "../../store/types.js";
import { statusText } from "../checkin/headline-text.js";
import { categoryText } from "../checkin/summary-sections.js";
import { ruleText } from "../checkin/warning-text.js";
import { formatDay, signed } from "../format.js";
import { needOf } from "./caseload.js";
import { expiredAliases, expiredItems, expiredParts } from "./digest-expired.js";
import { pausedAliases, QuietClients } from "./digest-quiet.js";
import { type ClientWeek, measureParts, riskText } from "./digest-week.js";

export interface DigestInput {
  facts: DigestFacts;
  week: ReadonlyMap<number, ClientWeek>;
  openAlerts: ReadonlyMap<number, RiskAlert>;
  alerts: string[];
  now: string;
  zone: string;
}

/**
 * The weekly digest says what changed since the last one, in the order of `clients` (who needs
 * attention first): open alerts, then each client with news (check-ins, a change of status,
 * warnings), then the week's unanswered check-ins, pauses and unreachable clients; the clients
 * with nothing new are named on one line with their status, not listed again, and those who have
 * answered no check-in yet on a line of their own. Each client is named once, with their status.
 */
export function digestText(w: Wording, input: DigestInput): string {
  const { facts, week, zone } = input;
  const lines = [w.t("digest_title", { date: formatDay(input.now, w.pack.language, zone) })];
  const current = facts.caseload.filter((e) => !e.dischargedAt);
  const ranked = current
    .map((entry) => ({
      entry,
      need: needOf(w, entry, input.openAlerts.get(entry.client.personId), zone, input.now),
    }))
    .sort((a, b) => a.need.rank - b.need.rank || a.entry.client.alias.localeCompare(b.entry.client.alias));
  const news: string[] = [];
  const quiet = new QuietClients(w);
  /** Clients with a line of news: their flags already say "paused by the client". */
  const listed = new Set<string>();
  // A check-in left unfinished is news: it has its own section, so its client is not "nothing new".
  const expired = expiredAliases(facts.expired);
  const today = localDate(new Date(input.now), zone);
  // So is a pause in force: its own section names the client, with their status.
  const paused = pausedAliases(current, facts.pauses, today);
  for (const { entry, need } of ranked) {
    const { client } = entry;
    const mine = week.get(client.personId);
    const ruled = facts.warnings.filter((x) => x.alias === client.alias);
    const risk = mine ? riskText(w, mine.risk, zone) : "";
    if (!mine?.checkins && ruled.length === 0 && need.rank === 3 && !risk) {
      quiet.add(entry, expired.has(client.alias) || paused.has(client.alias));
      continue;
    }
    // The progress from the latest check-in that asked it, as `clients` reads it (caseload.ts).
    const assessment = entry.lastProgress?.assessment as Assessment | undefined;
    const now = assessment?.progress?.trajectory.status;
    // An open alert has its own section first: named there, not again in the client's line.
    const alert = input.openAlerts.get(client.personId);
    const alertFlag = alert ? w.t("clients_flag_alert", { id: alert.id }) : undefined;
    // So has an alert of the week acknowledged since: the week's risk part names it.
    const weeks = need.recentAlert && mine?.risk.alerts.some((a) => a.id === need.recentAlert?.id);
    // And words of concern answered no: the week's risk part names them when they fell in it.
    // And a warning in force warned this week: named once, among the new warnings below.
    const warnedNow = new Set(ruled.map((x) => x.rule));
    const newFlags = new Set([...need.ruleFlags].filter(([rule]) => warnedNow.has(rule)).map(([, f]) => f));
    const flags = need.flags.filter(
      (f) =>
        f !== alertFlag &&
        !(weeks && f === need.recentAlert?.flag) &&
        !(risk && f === need.recentConcern) &&
        !newFlags.has(f),
    );
    const parts = flags.length > 0 ? [flags.join(", ")] : [];
    // A disclosure acknowledged within the week is still news for whoever reads the week back.
    if (risk) parts.push(risk);
    if (mine?.checkins) parts.push(w.plural(mine.checkins, "digest_checkins_one", "digest_checkins_other"));
    // No check-in this week: the warnings named still apply (nothing has measured otherwise), but
    // they are as old as the last check-in, which is dated so that a concern from weeks ago is not
    // read as this week's.
    else if (entry.last && flags.length > 0 && need.rank < 3) {
      const at = entry.last.completedAt ?? entry.last.createdAt;
      parts.push(w.t("digest_last_checkin", { date: formatDay(at, w.pack.language, zone) }));
    }
    // A check-in of the week left unfinished is said here, not again in its own section.
    parts.push(...expiredParts(w, facts.expired, current, zone, client.alias));
    // The numbers behind the words, so a recovery is read, not guessed; a reliable fall's are in
    // the flags ("deteriorated (progress 18 → 13)"), not said again. A category unchanged since
    // before the week is said short ("still recovered"), not explained again every week.
    // Only when this week's check-ins asked it: a split schedule's after the session does not.
    const progress = mine?.progressed ? assessment?.progress : undefined;
    if (progress && progress.index > 1 && progress.category !== "deteriorated") {
      const same = mine?.wasCategory === progress.category;
      parts.push(
        w.t("digest_progress", {
          total: progress.total,
          change: signed(progress.change),
          first: progress.first,
          category: same
            ? w.t(`digest_category_still_${progress.category}`)
            : categoryText(w, progress.category),
        }),
      );
    }
    if (mine?.was && now && mine.was !== now && mine.was !== "too_early") {
      parts.push(w.t("digest_was", { status: statusText(w, mine.was) }));
    }
    // Each scored measure of those check-ins (PHQ-9, GAD-7): a recovery was otherwise not said at all.
    if (mine?.progressed) parts.push(...measureParts(w, assessment?.measures ?? []));
    // A warning the client's state already names ("alliance concern", "deteriorated (progress 23 →
    // 11)" for Deteriorating) is not named twice: matched by its rule, not by its words.
    // Named inside the line, in the words of a sentence: "new warnings: no change yet".
    const fresh = [
      ...new Set(
        ruled
          .filter((x) => !need.named.has(stateRule(x.rule)) || need.ruleFlags.has(x.rule))
          .map((x) => ruleText(w, x.rule, "in_line")),
      ),
    ];
    if (fresh.length > 0) parts.push(w.t("digest_new_warnings", { rules: fresh.join(", ") }));
    if (parts.length > 0) news.push(w.t("digest_client", { alias: client.alias, news: parts.join("; ") }));
    listed.add(client.alias);
  }
  // A client with a line of news has their unfinished check-ins said in it (expiredParts).
  const unlisted = facts.expired.filter((x) => !listed.has(x.alias));
  // A holiday not begun yet is not a pause yet: it is listed apart, as one ahead.
  const pauseItem = (p: (typeof facts.pauses)[number]) =>
    quiet.withStatus(p.alias, w.t("digest_paused_item", { alias: p.alias, from: p.from, to: p.to }));
  const sections: [string, string[]][] = [
    // Unacknowledged risk first: it is what must not wait.
    [w.t("digest_alerts"), input.alerts],
    [w.t("digest_news"), news],
    [w.t("digest_expired"), expiredItems(w, unlisted, current, zone, quiet.statuses)],
    [
      w.t("digest_paused"),
      [
        ...current
          .filter((e) => e.client.pausedAt && !listed.has(e.client.alias))
          .map(({ client }) =>
            quiet.withStatus(
              client.alias,
              client.pausedUntil
                ? w.t("digest_stopped_item_until", {
                    alias: client.alias,
                    until: formatDay(client.pausedUntil, w.pack.language, zone),
                  })
                : w.t("digest_stopped_item", { alias: client.alias }),
            ),
          ),
        ...facts.pauses.filter((p) => p.from <= today).map(pauseItem),
      ],
    ],
    [w.t("digest_pauses_ahead"), facts.pauses.filter((p) => p.from > today).map(pauseItem)],
    [w.t("digest_unreachable"), facts.unreachable.map((u) => w.t("digest_unreachable_item", u))],
  ];
  const filled = sections.filter(([, items]) => items.length > 0);
  for (const [title, items] of filled) lines.push(title, ...items);
  const quietLines = quiet.lines();
  lines.push(...quietLines);
  if (filled.length === 0 && quietLines.length === 0) lines.push(w.t("digest_nothing"));
  return lines.join("\n");
}

/** A stored rule as the state names it: the alliance rules of earlier versions are "alliance". */
function stateRule(rule: string): string {
  return rule.startsWith("alliance") ? "alliance" : rule;
}
