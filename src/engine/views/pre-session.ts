import type { TrajectoryModel } from "../../clinical/assessment.js";
import { totalOf } from "../../clinical/scores.js";
import type { Wording } from "../../prompts/render.js";
import type {
  Checkin,
  CompletedCheckin,
  Episode,
  RiskAlert,
  RiskEvent,
  StoredRuleState,
} from "../../store/types.js";
import { unfinishedLines } from "../checkin/unfinished.js";
import { formatDay } from "../format.js";
import { riskItemNote } from "../risk/risk-item-note.js";
import {
  answeredAfterWords,
  checkinFacts,
  checkinYesTimes,
  concernFacts,
  episodeSafetyLine,
  unclearAtSafety,
} from "../risk/safety-answers.js";
import { riskSection } from "../risk/text.js";
import { openText } from "./history.js";
import { commentLines, warningsLine } from "./pre-session-notes.js";
import { allianceLines, episodeLine, measureLines, progressLines } from "./pre-session-scores.js";

/**
 * `summary ALIAS`: what a therapist wants to see before a session, on one phone screen. The
 * current episode (its start and check-ins), the latest progress with its change, reliable-change
 * category, cutoff side and trajectory status; the alliance with its trend and low items; the
 * warnings in force; the last three comments; safety answers and risk; and one line per earlier
 * episode. `summary ALIAS --all` lists every check-in instead.
 */
interface PreSessionInput {
  alias: string;
  checkins: readonly CompletedCheckin[];
  /**
   * The check-ins that ended unfinished (expired, closed by a discharge): counted as sent; the
   * latest, when it came after the last completed one, is told with what was answered in it.
   */
  unanswered?: readonly CompletedCheckin[];
  /** The alliance's line (thresholds.allianceConcern), for an unfinished check-in's alliance. */
  allianceConcern: number;
  episodes: readonly Episode[];
  open: Checkin | undefined;
  /** Repeat control of the current episode: the rules in force and the check-in they warned at. */
  states: ReadonlyMap<string, StoredRuleState>;
  /** Every risk event of the client, oldest first, and the open alert. */
  riskEvents: readonly RiskEvent[];
  openAlert: RiskAlert | undefined;
  model: TrajectoryModel;
  allianceItemBelow: number;
  timeZone: string;
}

/** Risk events listed in full; a longer run shows the first and the latest (risk/text.ts). */
const RISK_LINES = 4;

export function preSessionText(w: Wording, input: PreSessionInput): string {
  const day = (iso: string) => formatDay(iso, w.pack.language, input.timeZone);
  const current = input.episodes.at(-1);
  const inEpisode = input.checkins.filter((c) => c.episodeId === current?.id);
  const lines: string[] = [];
  // The safety answers of this episode, both ways the question was asked, on one line; the
  // concerns it covers do not repeat theirs under Risk.
  let stated: number[] = [];
  if (!current || inEpisode.length === 0) {
    lines.push(w.t("history_empty", { alias: input.alias }));
    lines.push(...unfinishedSince(w, input, input.checkins.at(-1)?.id ?? 0, day));
  } else {
    const last = inEpisode.at(-1) as CompletedCheckin;
    // Every check-in sent in the episode: those after the last answered one, left to expire, too.
    const sent = Math.max(
      last.seq,
      ...(input.unanswered ?? []).filter((c) => c.episodeId === current.id).map((c) => c.seq),
    );
    lines.push(
      w.t(current.endedAt ? "presession_head_ended" : "presession_head", {
        alias: input.alias,
        since: day(current.startedAt),
        ended: current.endedAt ? day(current.endedAt) : "",
        // Titles number every check-in sent ("check-in 3"); one not answered is counted so too.
        count:
          sent > inEpisode.length
            ? w.t("presession_count_unanswered", { answered: inEpisode.length, sent })
            : inEpisode.length,
        last: day(last.completedAt ?? last.createdAt),
      }),
    );
    lines.push(...unfinishedSince(w, input, last.id, day));
    lines.push(...progressLines(w, inEpisode, input.model, input.timeZone));
    lines.push(...measureLines(inEpisode, w));
    lines.push(...allianceLines(w, inEpisode, input.allianceItemBelow));
    const alliance = inEpisode.flatMap((c) => {
      const total = totalOf(c.answers, "alliance");
      return total === undefined ? [] : [{ seq: c.seq, total }];
    });
    const latestAlliance = alliance.at(-1);
    lines.push(
      warningsLine(
        w,
        input.states,
        latestAlliance === undefined
          ? undefined
          : { total: latestAlliance.total, concernBelow: input.allianceConcern, totals: alliance },
      ),
    );
    lines.push(...commentLines(w, inEpisode, day));
    const episodeEvents = input.riskEvents.filter((e) => Date.parse(e.at) >= Date.parse(current.startedAt));
    const concerns = concernFacts(episodeEvents);
    stated = concerns.map((f) => f.eventId);
    const passed = answeredAfterWords(input.riskEvents);
    const yesAt = checkinYesTimes(input.riskEvents);
    lines.push(
      episodeSafetyLine(
        w,
        [...checkinFacts(inEpisode, true, passed, yesAt, unclearAtSafety(input.riskEvents)), ...concerns],
        day,
        input.alias,
        riskItemNote(w, episodeEvents, day),
      ),
    );
  }
  lines.push(
    ...riskSection(w, input.riskEvents, input.openAlert, input.timeZone, {
      max: RISK_LINES,
      alias: input.alias,
      stated: new Set(stated),
    }),
  );
  const earlier = input.episodes.slice(0, -1);
  if (earlier.length > 0) {
    lines.push(w.t("presession_earlier"));
    for (const e of earlier) lines.push(episodeLine(w, e, input.checkins, day));
  }
  if (input.open) lines.push(openText(w, input.open));
  if (input.checkins.length > 0) lines.push(w.t("presession_all", { alias: input.alias }));
  return lines.join("\n");
}

/** The latest check-in closed unfinished after the last completed one, with what is in it. */
function unfinishedSince(
  w: Wording,
  input: PreSessionInput,
  after: number,
  day: (iso: string) => string,
): string[] {
  const latest = (input.unanswered ?? []).filter((c) => c.id > after).at(-1);
  return latest ? unfinishedLines(w, latest, input.allianceConcern, day(latest.createdAt)) : [];
}
