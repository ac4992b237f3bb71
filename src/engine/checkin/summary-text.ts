import type { AllianceRepeat } from "../../clinical/alliance-repeat.js";
import type { Assessment, Finding } from "../../clinical/assessment.js";
import type { Wording } from "../../prompts/render.js";
import type { Answer, CompletedCheckin, RiskAlert, RiskEvent, SummaryStyle } from "../../store/types.js";
import { quotedLines, withoutControls } from "../client-text.js";
import { formatDateZoned } from "../format.js";
import {
  answeredAfterWords,
  checkinFacts,
  checkinSafetyLine,
  concernFacts,
  unclearAtSafety,
} from "../risk/safety-answers.js";
import { riskSection } from "../risk/text.js";
import { headlineText, statusText } from "./headline-text.js";
import { SAFETY_INSTRUMENT } from "./instrument-plan.js";
import { combinedLine, measureLines } from "./measure-text.js";
import { leftOpen } from "./safety-left-open.js";
import { allianceLines, itemsLine, progressLines } from "./summary-sections.js";
import { type EndedWarning, warningLines } from "./warning-lines.js";
import { modelText, type WarningContext } from "./warning-text.js";

/**
 * The one message a therapist gets per completed check-in (CLINICAL.md, "What the therapist
 * receives"), made to be read on a phone: a title, a headline that says the status in words, any
 * risk, the warnings that apply (each with its rule, numbers and one suggestion), then the
 * details. The compact style stops after the warnings sent now and the client's comment. Pure:
 * wording and facts in, text out.
 */

/** The instruments of a check-in, in the order they were asked. */
export function instrumentsOf(answers: readonly Answer[]): string[] {
  return [...new Set(answers.map((a) => a.instrument))];
}

export interface SummaryWarning {
  finding: Finding;
  /** Sent now (it started to apply, or is clearly worse), or held back as still applying. */
  sent: boolean;
  /** The check-in of its last warning, for one held back. */
  warnedSeq: number | null;
  /** The check-in whose warning began its current run of applying (null in states kept before it). */
  sinceSeq?: number | null;
  /** Sent again because it is clearly worse than at its last warning, which still applied. */
  again?: boolean;
  /** For the alliance sent again: the size of its fall, which its wording follows. */
  allianceRepeat?: AllianceRepeat;
}

export interface SummaryInput extends WarningContext {
  alias: string;
  checkin: CompletedCheckin;
  assessment: Assessment;
  warnings: readonly SummaryWarning[];
  /** The rules that applied at the last check-in measuring them and no longer do. */
  ended?: readonly EndedWarning[];
  allianceItemBelow: number;
  /** What the client disclosed during this check-in, shown right under the headline. */
  riskEvents: readonly RiskEvent[];
  /** The client's open alert, if any. */
  openAlert: RiskAlert | undefined;
  style: SummaryStyle;
  /**
   * Check-ins of the episode sent since the last one answered (or since it began) that closed
   * unanswered: named in the title, so that "check-in 3" beside "the first check-in" reads plainly.
   */
  unansweredBefore?: number;
  /**
   * Of those, the ones the client had begun (answered a question of) before they closed: counted
   * as such, since "unanswered" would tell the therapist that answers given were never given.
   */
  unfinishedBefore?: number;
}

/** The title, with the check-ins before it that closed unanswered, or begun and unfinished. */
function titleLine(
  w: Wording,
  title: { seq: number; alias: string; date: string },
  closed: number,
  begun: number,
): string {
  const unfinished = Math.min(begun, closed);
  const unanswered = closed - unfinished;
  if (unfinished === 0) {
    return unanswered > 0
      ? w.t("summary_title_unanswered", { ...title, count: unanswered })
      : w.t("summary_title", title);
  }
  if (unanswered === 0) return w.t("summary_title_unfinished", { ...title, count: unfinished });
  return w.t("summary_title_unanswered_unfinished", { ...title, unanswered, unfinished });
}

/** Risk events listed in full in one check-in's summary; a longer run is cut (risk/text.ts). */
const RISK_LINES = 6;

export function summaryText(w: Wording, input: SummaryInput): string {
  const { checkin } = input;
  const date = formatDateZoned(checkin.completedAt ?? checkin.createdAt, w.pack.language, input.timeZone);
  const title = { seq: checkin.seq, alias: input.alias, date };
  const lines = [titleLine(w, title, input.unansweredBefore ?? 0, input.unfinishedBefore ?? 0)];
  const headline = headlineText(w, input.assessment, input.reliableChange, input.allianceConcern);
  if (headline) lines.push(headline);
  // The safety answers, both ways the question was asked, said once: under this check-in's risk
  // when there is any (in the compact style too), else in the details where the check-in asked it.
  const concerns = concernFacts(input.riskEvents);
  // "no" at the question, then "i have a plan" as the comment: the no is said beside the words, so
  // that it is not read as settling them.
  const disclosed = input.riskEvents.some(
    (e) => e.checkinId === checkin.id && e.tier === "disclosure" && e.source === "free_text",
  );
  const line = checkinSafetyLine(w, [...checkinFacts([checkin]), ...concerns]);
  const safety =
    disclosed && line === w.t("summary_safety_no") ? w.t("summary_safety_no_beside_disclosure") : line;
  const withRisk = input.riskEvents.length > 0;
  lines.push(
    ...riskSection(w, input.riskEvents, input.openAlert, input.timeZone, {
      max: RISK_LINES,
      alias: input.alias,
      stated: new Set(concerns.map((f) => f.eventId)),
      ...(withRisk && safety ? { safety } : {}),
    }),
  );
  const compact = input.style === "compact";
  lines.push(...warningLines(w, input, compact));
  // Closed at its expiry with every measure answered but not the safety question: said, so that
  // no answer is not read as a no. A check-in that moved past it, answered after the client's
  // words, did not close before it.
  // An unclear answer before it ("not sure", "yeah nah") is no clear answer, in their words.
  const unclear = unclearAtSafety(input.riskEvents).get(checkin.id);
  const unanswered =
    checkin.plan.some((p) => p.instrument === SAFETY_INSTRUMENT) &&
    !checkin.answers.some((a) => a.instrument === SAFETY_INSTRUMENT) &&
    !answeredAfterWords(input.riskEvents).has(checkin.id)
      ? [
          !unclear
            ? w.t("summary_safety_unanswered")
            : w.t(leftOpen(checkin) ? "summary_safety_left_open" : "summary_safety_unclear", {
                answer: unclear,
              }),
        ]
      : [];
  // Compact is fewer lines, not less of the client's voice: their comment stays.
  if (compact)
    return [...lines, ...unanswered, ...(checkin.comment ? commentLines(w, checkin.comment) : [])].join("\n");
  lines.push("");
  const model = modelText(w, input.model, input.timeZone);
  for (const id of instrumentsOf(checkin.answers)) {
    const measure = input.assessment.measures?.find((m) => m.id === id);
    if (id === "progress") lines.push(...progressLines(w, input));
    else if (id === "alliance") lines.push(...allianceLines(w, input));
    else if (id === "safety") {
      if (!withRisk && safety) lines.push(safety);
    } else if (measure) {
      lines.push(...measureLines(w, measure, model, (s) => statusText(w, s)));
      lines.push(`  ${itemsLine(w, id, checkin.answers)}`);
    } else lines.push(`${w.instrument(id).title}: ${itemsLine(w, id, checkin.answers)}`);
  }
  lines.push(...unanswered);
  const combined = input.assessment.combined;
  if (combined) lines.push(combinedLine(w, combined));
  lines.push(...commentLines(w, checkin.comment));
  return lines.join("\n");
}

/** The client's comment: on its line when it is one line, else as a quoted block. */
export function commentLines(w: Wording, comment: string | null): string[] {
  if (!comment) return [w.t("summary_no_comment")];
  const clean = withoutControls(comment).trim();
  if (!clean.includes("\n")) return [w.t("summary_comment", { comment: clean })];
  return [w.t("summary_comment_block"), ...quotedLines(clean)];
}
