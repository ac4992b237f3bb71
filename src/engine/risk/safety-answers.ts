import type { Wording } from "../../prompts/render.js";
import type { CompletedCheckin, RiskEvent } from "../../store/types.js";
import { SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { unclearAnswerOf } from "./event-marks.js";

/**
 * The safety question reaches a client two ways: as the check-in's own question, and on the risk
 * path, asked again at once after they wrote something hopeless (a concern; its answer is kept on
 * the concern). The two can fall on the same day, even in the same check-in ("no" at the question,
 * then "ya kinda" after the comment), so a message that states them on separate lines can read as
 * "no" and "yes" about one moment. Here they become one line: the most serious first (a yes, then
 * a question still waiting or left unanswered, then a no), the latest first within each, with
 * which way each was asked. Pure.
 */

export type SafetyState = "yes" | "pending" | "none" | "no";

/** One answer to the safety question, and which way it was asked. */
export type SafetyFact = (
  | {
      way: "checkin";
      answer: "yes" | "no" | "none";
      /** Not answered, but unclear words given at it ("not sure", "yeah nah"). */
      said?: string;
    }
  | {
      way: "after_words";
      answer: SafetyState;
      /** No answer kept, but unsure words given before it lapsed ("idk, probably not"). */
      said?: string;
    }
) & {
  /** When it was answered (or asked, while it waits): a check-in's completion, a concern's time. */
  at: string;
  /** When the check-in began; the concern's time for an answer after words. */
  from: string;
};

/**
 * The check-ins that moved past their own safety question because the client had answered it, yes
 * or no, after something they wrote earlier in that check-in (checkin/safety-asked.ts). No answer
 * of the check-in's own is stored for them, and none is missing: the concern holds it.
 */
export function answeredAfterWords(
  events: readonly (Pick<RiskEvent, "tier" | "checkinId"> & Partial<Pick<RiskEvent, "safetyAnswer">>)[],
): ReadonlySet<number> {
  const ids = events.flatMap((e) =>
    e.tier === "concern" && e.checkinId !== null && (e.safetyAnswer === "yes" || e.safetyAnswer === "no")
      ? [e.checkinId]
      : [],
  );
  return new Set(ids);
}

/**
 * The check-in's own question, answered in each of these check-ins that asked it. With
 * `unanswered`, a check-in that reached it and closed at its expiry without an answer counts as
 * asked and not answered (a completed check-in whose plan has it reached it: one closes at its
 * expiry only with every measure answered), unless it moved past the question because `passed`
 * holds it (answeredAfterWords); a check-in's own summary says so in a line of its own.
 */
export function checkinFacts(
  checkins: readonly CompletedCheckin[],
  unanswered = false,
  passed: ReadonlySet<number> = new Set(),
  yesAt: ReadonlyMap<number, string> = new Map(),
  /** Unclear words at each check-in's own question (unclearAtSafety), by check-in. */
  unclear: ReadonlyMap<number, string> = new Map(),
): SafetyFact[] {
  return checkins.flatMap((c): SafetyFact[] => {
    const answers = c.answers.filter((a) => a.instrument === SAFETY_INSTRUMENT);
    const asked = c.plan.some((p) => p.instrument === SAFETY_INSTRUMENT);
    if (answers.length === 0 && asked && unanswered && !passed.has(c.id)) {
      const said = unclear.get(c.id);
      return [
        {
          way: "checkin" as const,
          answer: "none" as const,
          ...(said ? { said } : {}),
          at: c.completedAt ?? c.createdAt,
          from: c.createdAt,
        },
      ];
    }
    if (answers.length === 0) return [];
    const answer = answers.some((a) => a.value > 0) ? ("yes" as const) : ("no" as const);
    const at = (answer === "yes" ? yesAt.get(c.id) : undefined) ?? c.completedAt ?? c.createdAt;
    return [{ way: "checkin" as const, answer, at, from: c.createdAt }];
  });
}

/**
 * The unclear answers given at each check-in's own safety question ("not sure / yeah nah"), by
 * check-in (checkin/unclear-answer.ts keeps them): a question left so reads as no clear answer.
 */
export function unclearAtSafety(events: readonly RiskEvent[]): ReadonlyMap<number, string> {
  const words = new Map<number, string>();
  for (const e of events) {
    const q = unclearAnswerOf(e.words);
    if (q?.instrument !== SAFETY_INSTRUMENT || e.checkinId === null) continue;
    const said = e.answerWords ?? e.text;
    if (said) words.set(e.checkinId, said);
  }
  return words;
}

/**
 * When each check-in's own safety question was answered yes: the time of the disclosure it raised
 * (no words of its own, unlike a yes after a concern or a risk item's). A check-in is dated by its
 * last answer, which is the yes when the safety question comes last (the check-in then completes
 * at once, or at its expiry dated so). Where a clinic asks it before another measure, the client
 * told that the check-in can wait may finish it a day later: the yes is dated when it was said.
 */
export function checkinYesTimes(events: readonly RiskEvent[]): ReadonlyMap<number, string> {
  const times = new Map<number, string>();
  for (const e of events) {
    if (e.tier !== "disclosure" || e.source !== "safety_question" || e.checkinId === null) continue;
    if (e.words.length > 0) continue;
    const known = times.get(e.checkinId);
    if (!known || e.at < known) times.set(e.checkinId, e.at);
  }
  return times;
}

/** The question asked after each concern, with what became of it; concerns not asked (an alert was open) have none. */
export function concernFacts(events: readonly RiskEvent[]): (SafetyFact & { eventId: number })[] {
  return events.flatMap((e) => {
    if (e.tier !== "concern" || e.safetyAnswer === null) return [];
    const answer: SafetyState = e.safetyAnswer === "reasked" ? "pending" : e.safetyAnswer;
    // Unsure words before silence, or words said with a no ("no, just tired of work"): quoted.
    const said = (answer === "none" || answer === "no") && e.answerWords ? { said: e.answerWords } : {};
    return [{ way: "after_words" as const, answer, ...said, at: e.at, from: e.at, eventId: e.id }];
  });
}

const SERIOUS: Record<SafetyState, number> = { yes: 0, pending: 1, none: 2, no: 3 };

function bySeriousness(facts: readonly SafetyFact[]): SafetyFact[] {
  return [...facts].sort(
    (a, b) => SERIOUS[a.answer] - SERIOUS[b.answer] || Date.parse(b.at) - Date.parse(a.at),
  );
}

/**
 * One check-in's report: "Safety question: no answer yet when asked after what they wrote; no in
 * the check-in." With the check-in's own question alone, as it always read. Undefined when the
 * question was not asked either way.
 */
export function checkinSafetyLine(w: Wording, facts: readonly SafetyFact[]): string | undefined {
  const [only] = facts;
  if (!only) return undefined;
  if (facts.length === 1 && only.way === "checkin" && only.answer !== "none")
    return w.t(only.answer === "yes" ? "summary_safety_yes" : "summary_safety_no");
  const parts = bySeriousness(facts).map((f) => part(w, f));
  return w.t("safety_line", { answers: parts.join("; ") });
}

const CHECKIN_PART = {
  yes: "safety_checkin_yes",
  no: "safety_checkin_no",
  none: "safety_checkin_none",
} as const;
const CHECKIN_PART_ON = { yes: "safety_checkin_yes_on", none: "safety_checkin_none_on" } as const;

function part(w: Wording, f: SafetyFact): string {
  if (f.way === "checkin" && f.said) return w.t("safety_checkin_unclear", { answer: f.said });
  if (f.way === "checkin") return w.t(CHECKIN_PART[f.answer]);
  if (f.said && f.answer === "no") return w.t("safety_after_no_words", { answer: f.said });
  if (f.said) return w.t("safety_after_unclear", { answer: f.said });
  switch (f.answer) {
    case "yes":
      return w.t("safety_after_yes");
    case "pending":
      return w.t("safety_after_pending");
    case "none":
      return w.t("safety_after_none");
    case "no":
      return w.t("safety_after_no");
  }
}

/** An answer named with its date; the check-ins' no is counted apart (checkinNoPart), never named. */
function datedPart(w: Wording, f: SafetyFact, date: string): string {
  if (f.way === "checkin" && f.said) return w.t("safety_checkin_unclear_on", { answer: f.said, date });
  if (f.way === "checkin") return w.t(CHECKIN_PART_ON[f.answer === "none" ? "none" : "yes"], { date });
  if (f.said && f.answer === "no") return w.t("safety_after_no_words_on", { answer: f.said, date });
  if (f.said) return w.t("safety_after_unclear_on", { answer: f.said, date });
  switch (f.answer) {
    case "yes":
      return w.t("safety_after_yes_on", { date });
    case "pending":
      return w.t("safety_after_pending_on", { date });
    case "none":
      return w.t("safety_after_none_on", { date });
    case "no":
      return w.t("safety_after_no_on", { date });
  }
}

/** A line before a session stays short: this many answers are named with their date, the rest counted. */
const NAMED = 3;

/**
 * An episode, before a session: "Safety question: yes on Dec 10, 2026, when asked after what they
 * wrote (urgent alert sent); no each time a check-in asked it up to Dec 10, 2026 (3)." The check-ins'
 * no is one count, said to be up to or since the answers named first when it all was; a check-in
 * whose question may have come either side of a concern in it is neither.
 */
export function episodeSafetyLine(
  w: Wording,
  facts: readonly SafetyFact[],
  day: (iso: string) => string,
  alias: string,
  /** A risk item answered above its threshold in the episode (risk-item-note.ts): said before any no. */
  items?: string,
): string {
  const checkinNo = facts.filter((f) => f.way === "checkin" && f.answer === "no");
  const named = bySeriousness(facts.filter((f) => !checkinNo.includes(f)));
  const count = checkinNo.length;
  if (named.length === 0 && items)
    return count === 0
      ? w.t("presession_safety_none_item", { items })
      : w.t("presession_safety_no_item", { count, items });
  if (named.length === 0)
    return count === 0 ? w.t("presession_safety_none") : w.t("presession_safety_no", { count });
  const parts = named.slice(0, NAMED).map((f) => datedPart(w, f, day(f.at)));
  if (named.length > NAMED) parts.push(w.t("safety_more", { count: named.length - NAMED, alias }));
  if (items) parts.push(items);
  if (checkinNo.length > 0) parts.push(checkinNoPart(w, checkinNo, named, day));
  return w.t("safety_line", { answers: parts.join("; ") });
}

function checkinNoPart(
  w: Wording,
  no: readonly SafetyFact[],
  named: readonly SafetyFact[],
  day: (iso: string) => string,
): string {
  const count = no.length;
  const earliest = named.reduce((a, b) => (Date.parse(b.from) < Date.parse(a.from) ? b : a));
  const first = Date.parse(earliest.from);
  const last = Math.max(...named.map((f) => Date.parse(f.at)));
  // A check-in that ended by the time of the first named answer asked before it; one that began
  // after the last named answer asked since. "Before" is said as "up to" its day: words written as
  // a check-in's comment come after that check-in's own question, which is counted, and "the
  // check-ins before (2)" on a second check-in read as if two had come before it.
  // The date is the latest such check-in's own, not the named answer's: a no on Dec 5 before a
  // yes on Dec 8 is "up to Dec 5".
  const latest = no.reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
  if (no.every((f) => Date.parse(f.at) <= first))
    return w.t("safety_checkins_no_before", { count, date: day(latest.at) });
  if (no.every((f) => Date.parse(f.from) > last)) return w.t("safety_checkins_no_since", { count });
  return w.t("safety_checkins_no", { count, date: day(latest.at) });
}
