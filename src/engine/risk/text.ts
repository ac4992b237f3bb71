import type { Wording } from "../../prompts/render.js";
import type { RiskAlert, RiskEvent } from "../../store/types.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { formatDateZoned } from "../format.js";
import { riskItemOf, unclearAnswerOf } from "./event-marks.js";

/**
 * How risk reads to a therapist: each disclosure or concern on a line of its own with its time,
 * the client's words, and what came of it, so a glance tells what was said and what is open.
 */

const NONE: ReadonlySet<number> = new Set();

/**
 * One line per event: "- Nov 26, 10:42 AM, disclosure: "…" (matched: …)". A long run is cut to
 * the first and the latest, with how many are left out: a phone screen, not an archive. A concern
 * carries the answer to the safety question asked after it, unless its id is in `stated`: the
 * message says the safety answers on a line of their own (safety-answers.ts).
 */
export function eventLines(
  w: Wording,
  events: readonly RiskEvent[],
  timeZone: string,
  max = 6,
  alias = "",
  stated: ReadonlySet<number> = NONE,
): string {
  const line = (e: RiskEvent) => `- ${eventLine(w, e, timeZone, !stated.has(e.id))}`;
  events = withoutAnsweredYes(events);
  if (events.length <= max) return matchedFirst(events).map(line).join("\n");
  const shown = shownWhenCut(events, max);
  const more = w.t("risk_more", { count: events.length - shown.length, alias });
  // What is left out is said after what is shown, not between the first line and the rest.
  return [...matchedFirst(shown).map(line), more].join("\n");
}

/**
 * A concern answered yes is shown once: as the yes ("they answered yes to the safety question
 * after writing …"), which names its words, not also as the concern with "Safety question: yes".
 */
function withoutAnsweredYes(events: readonly RiskEvent[]): readonly RiskEvent[] {
  const yesAfter = (c: RiskEvent) =>
    events.some(
      (d) => d.source === "safety_question" && d.tier === "disclosure" && d.text === c.text && d.id > c.id,
    );
  return events.filter((e) => !(e.tier === "concern" && e.safetyAnswer === "yes" && yesAfter(e)));
}

/**
 * Disclosures and concerns (the words that matched) first, in time order; what the client wrote
 * besides under an open alert ("also wrote") after them, so "ok thanks" does not read as one more
 * disclosure.
 */
function matchedFirst(events: readonly RiskEvent[]): RiskEvent[] {
  return [...events.filter((e) => e.tier !== "message"), ...events.filter((e) => e.tier === "message")];
}

/**
 * Which events a cut run keeps: the first, then `max - 2` of the rest, in order. The most serious
 * are kept first, the latest of each tier before older ones: disclosures (a yes to the safety
 * question among them), then concerns, then what the client wrote under an open alert ("also
 * wrote"). Later concerns or a client writing on must not push a yes below the cut.
 */
const CUT_ORDER: readonly RiskEvent["tier"][] = ["disclosure", "concern", "message"];

export function shownWhenCut(events: readonly RiskEvent[], max: number): RiskEvent[] {
  const [first, ...rest] = events;
  if (!first) return [];
  const room = Math.max(0, max - 2);
  const kept = new Set<RiskEvent>();
  for (const tier of CUT_ORDER) {
    for (let i = rest.length - 1; i >= 0 && kept.size < room; i--) {
      const e = rest[i] as RiskEvent;
      if (e.tier === tier) kept.add(e);
    }
  }
  return [first, ...rest.filter((e) => kept.has(e))];
}

function eventLine(w: Wording, e: RiskEvent, timeZone: string, withAnswer: boolean): string {
  // With its zone, as a summary's own date says it ("Dec 5, 2026, 2:22 PM UTC").
  const time = formatDateZoned(e.at, w.pack.language, timeZone);
  const tier =
    e.tier === "disclosure"
      ? w.t("risk_tier_disclosure")
      : e.tier === "concern"
        ? w.t("risk_tier_concern")
        : w.t("risk_tier_message");
  const words = e.words.map((x) => `"${x}"`).join(", ");
  let what =
    e.tier === "message"
      ? w.t("risk_what_message", { text: e.text })
      : w.t("risk_what_text", { text: e.text, words });
  if (e.source === "safety_question") {
    const item = riskItemOf(e.words);
    const unclear = unclearAnswerOf(e.words);
    what = unclear
      ? unclearAnswerText(w, unclear, e.answerWords ?? e.text)
      : item
        ? riskItemText(w, item, e.answerWords)
        : safetyAnswerLine(w, e, words);
  }
  // On a line of its own under the event: after "(matched: …)" it read as part of the words.
  const answer =
    withAnswer && e.tier === "concern" && e.safetyAnswer
      ? `\n  ${safetyAnswerText(w, e.safetyAnswer, e.answerWords)}`
      : "";
  return `${time}, ${tier}: ${what}${answer}`;
}

/** A yes to the safety question: in the client's own words when they typed them, after the message that led to it. */
function safetyAnswerLine(w: Wording, e: RiskEvent, words: string): string {
  // With the words that matched in that message, as the concern's line it stands for had them.
  const matched = e.text !== "" && e.words.length > 0;
  if (e.answerWords) {
    if (matched)
      return w.t("risk_what_safety_words_after_matched", { answer: e.answerWords, text: e.text, words });
    return e.text
      ? w.t("risk_what_safety_words_after", { answer: e.answerWords, text: e.text })
      : w.t("risk_what_safety_words", { answer: e.answerWords });
  }
  if (matched) return w.t("risk_what_safety_after_matched", { text: e.text, words });
  return e.text ? w.t("risk_what_safety_after", { text: e.text }) : w.t("risk_what_safety");
}

/** "no clear answer to the safety question (…): "not sure"", or to PHQ-9 item 9, in their words. */
export function unclearAnswerText(
  w: Wording,
  q: { instrument: string; item: string },
  answer: string,
): string {
  if (q.instrument === SAFETY_INSTRUMENT) return w.t("risk_what_unclear", { answer });
  const instrument = w.hasInstrument(q.instrument) ? w.instrument(q.instrument) : undefined;
  const measure = instrument ? (instrument.profile?.name ?? instrument.title) : q.instrument;
  const item = instrument?.items.find((i) => i.id === q.item)?.short ?? q.item;
  return w.t("risk_what_item_unclear", { measure, item, answer });
}

/** The risk item answered, with the client's own words and how they were read when they typed them. */
function riskItemText(
  w: Wording,
  r: { instrument: string; item: string; value: string },
  answer: string | undefined,
): string {
  let vars = { measure: r.instrument, item: r.item, value: r.value };
  if (w.hasInstrument(r.instrument)) {
    const instrument = w.instrument(r.instrument);
    const item = instrument.items.find((i) => i.id === r.item);
    const label = instrument.choices?.find((c) => String(c.value) === r.value)?.label;
    vars = {
      measure: instrument.profile?.name ?? instrument.title,
      item: item?.short ?? r.item,
      value: label ? `${r.value} (${label})` : r.value,
    };
  }
  return answer ? w.t("risk_what_item_words", { ...vars, answer }) : w.t("risk_what_item", vars);
}

function safetyAnswerText(
  w: Wording,
  answer: NonNullable<RiskEvent["safetyAnswer"]>,
  /** An unclear answer in the client's words, kept when the question was asked again. */
  said: string | undefined,
): string {
  if (said && answer === "none") return w.t("safety_answer_unclear", { answer: said });
  if (said && answer === "reasked") return w.t("safety_answer_reasked", { answer: said });
  if (said && answer === "no") return w.t("safety_answer_no_words", { answer: said });
  switch (answer) {
    case "yes":
      return w.t("safety_answer_yes");
    case "no":
      return w.t("safety_answer_no");
    case "none":
      return w.t("safety_answer_none");
    case "pending":
    case "reasked":
      return w.t("safety_answer_pending");
  }
}

/** What a risk section needs besides its events: how many lines, and the safety answers said once. */
interface RiskSectionOptions {
  max?: number;
  alias?: string;
  /** Concerns whose safety answer is in `safety`, not repeated on their own line. */
  stated?: ReadonlySet<number>;
  /** The safety answers on one line, right under the events. */
  safety?: string;
}

/**
 * The risk section of a summary (a check-in's, or `summary ALIAS`): every event, the safety
 * answers when the message says them here, and whether its alert is still waiting for someone to
 * acknowledge it.
 */
export function riskSection(
  w: Wording,
  events: readonly RiskEvent[],
  open: RiskAlert | undefined,
  timeZone: string,
  options: RiskSectionOptions = {},
): string[] {
  if (events.length === 0 && !open) return [];
  const { max = 6, alias = "", stated, safety } = options;
  const lines = [w.t("risk_title"), eventLines(w, events, timeZone, max, alias, stated)].filter(Boolean);
  if (safety) lines.push(safety);
  if (open) lines.push(w.t("risk_open_alert", { id: open.id }));
  return lines;
}
