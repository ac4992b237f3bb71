import type { Assessment } from "../../clinical/assessment.js";
import type { Wording } from "../../prompts/render.js";
import type { CaseloadEntry, DigestFacts } from "../../store/types.js";
import { statusText } from "../checkin/headline-text.js";

/**
 * The digest's clients with nothing new: each is named once, with their trajectory status (the
 * digest gives every client with theirs). Those with a check-in not finished or a pause in force
 * are named in that section, with their status there; those who have answered no check-in yet
 * are said to have none, not "nothing new" as if one had come before.
 */
export class QuietClients {
  private readonly quiet: string[] = [];
  private readonly none: string[] = [];
  /** The status of each client named in another section instead (a check-in not finished, a pause). */
  readonly statuses = new Map<string, string>();

  constructor(private readonly w: Wording) {}

  add(entry: CaseloadEntry, namedElsewhere: boolean): void {
    const { alias } = entry.client;
    const status = trajectoryWords(this.w, entry);
    if (namedElsewhere) {
      if (status) this.statuses.set(alias, status);
    } else if (!entry.last) this.none.push(alias);
    else this.quiet.push(status ? this.w.t("digest_quiet_item", { alias, status }) : alias);
  }

  /** A section's item about a client, with their status when it is said nowhere else. */
  withStatus(alias: string, item: string): string {
    const status = this.statuses.get(alias);
    return status ? this.w.t("digest_item_status", { item, status }) : item;
  }

  lines(): string[] {
    const { w, quiet, none } = this;
    const lines: string[] = [];
    if (quiet.length > 0) lines.push(w.t("digest_quiet", { count: quiet.length, aliases: quiet.join(", ") }));
    if (none.length > 0) lines.push(w.t("digest_none_yet", { count: none.length, aliases: none.join(", ") }));
    return lines;
  }
}

/** The trajectory status of the latest check-in that asked about progress, in words. */
function trajectoryWords(w: Wording, entry: CaseloadEntry): string | undefined {
  const status = (entry.lastProgress?.assessment as Assessment | undefined)?.progress?.trajectory.status;
  return status ? statusText(w, status) : undefined;
}

/** The clients paused now: stopped by the client, or on a holiday that has begun. */
export function pausedAliases(
  current: readonly CaseloadEntry[],
  pauses: DigestFacts["pauses"],
  today: string,
): ReadonlySet<string> {
  return new Set([
    ...current.filter((e) => e.client.pausedAt).map((e) => e.client.alias),
    ...pauses.filter((p) => p.from <= today).map((p) => p.alias),
  ]);
}
