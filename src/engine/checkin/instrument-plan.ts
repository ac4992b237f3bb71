/**
 * Which instruments one check-in asks, and in what order. A therapist may give a client a plan
 * of their own (`instruments ALIAS LIST`); without one, the clinic's checkin.instruments apply.
 * A split schedule asks the part about the session (the alliance) after it and the rest (the
 * past week) before it. The safety question belongs to the clinic (risk.safetyQuestion, or
 * "safety" in checkin.instruments): a client's plan can neither drop it nor move it. Pure.
 */

export const SAFETY_INSTRUMENT = "safety";
/** The one instrument about the last session; every other asks about the time since the one before. */
export const SESSION_INSTRUMENT = "alliance";
/** The rapport progress measure: its presence in a clinic's list brings the safety question. */
export const PROGRESS_INSTRUMENT = "progress";

/** The whole check-in, or one part of a split schedule's: after the session, or before it. */
export type CheckinPart = "whole" | "session" | "week";

interface PlanSettings {
  /** The clinic's checkin.instruments, with "safety" where the clinic listed it, if it did. */
  clinic: readonly string[];
  /** risk.safetyQuestion: the safety question closes any check-in that asks about progress. */
  safetyQuestion: boolean;
}

/**
 * The instruments of a check-in: the client's own plan (ids the prompts no longer have are left
 * out, so a removed file cannot stop a client's check-ins; with none left, the clinic's), the part
 * a split schedule asks, and the safety question where the clinic puts it. Empty: nothing to ask
 * in this part (a plan without the alliance has no after-session part).
 */
export function checkinInstruments(
  own: readonly string[] | null | undefined,
  part: CheckinPart,
  settings: PlanSettings,
  known: (id: string) => boolean = () => true,
): string[] {
  const mine = [...new Set(own ?? [])].filter((id) => id !== SAFETY_INSTRUMENT && known(id));
  const chosen = mine.length > 0 ? mine : [...settings.clinic];
  const week = chosen.filter((id) => id !== SESSION_INSTRUMENT);
  const asksWeek = week.some((id) => id !== SAFETY_INSTRUMENT);
  const ids =
    part === "whole"
      ? chosen
      : part === "session"
        ? chosen.filter((id) => id === SESSION_INSTRUMENT)
        : asksWeek
          ? week
          : [];
  if (ids.length === 0 || ids.includes(SAFETY_INSTRUMENT) || !safetyAsked(settings, ids)) return ids;
  // The after-session part has no safety question of its own, unless it is the whole check-in.
  if (part === "session" && asksWeek) return ids;
  return withSafety(ids, settings.clinic);
}

/** Whether the clinic asks the safety question in a check-in of these instruments. */
function safetyAsked(settings: PlanSettings, ids: readonly string[]): boolean {
  if (settings.clinic.includes(SAFETY_INSTRUMENT)) return true;
  // Asked when the clinic's check-ins ask about progress, whatever one client's plan says.
  const progress = settings.clinic.includes(PROGRESS_INSTRUMENT) || ids.includes(PROGRESS_INSTRUMENT);
  return settings.safetyQuestion && progress;
}

/**
 * The safety question where the clinic's list puts it: after the instrument it follows there
 * when this check-in asks that one, else last (where the clinic's default appends it).
 */
function withSafety(ids: readonly string[], clinic: readonly string[]): string[] {
  const at = clinic.indexOf(SAFETY_INSTRUMENT);
  if (at === 0) return [SAFETY_INSTRUMENT, ...ids];
  const after = at > 0 ? ids.indexOf(clinic[at - 1] ?? "") : -1;
  if (after < 0) return [...ids, SAFETY_INSTRUMENT];
  return [...ids.slice(0, after + 1), SAFETY_INSTRUMENT, ...ids.slice(after + 1)];
}

/**
 * A therapist's list as typed ("progress,alliance,phq9", "progress, alliance phq9", "PHQ 9"): ids
 * in lower case, in order, each once; or every id that is not available (the caller tells
 * "safety", which is the clinic's, from ids the prompts do not have).
 */
export function readPlanList(
  args: readonly string[],
  available: readonly string[],
): { ok: true; ids: string[] } | { ok: false; unknown: string[] } {
  const words = args
    .join(",")
    .split(/[\s,;]+/u)
    .filter((id) => id.length > 0)
    .map((id) => id.toLowerCase());
  // "phq 9" is one id: a number alone belongs to the word before it.
  const joined = words.reduce<string[]>((ids, word) => {
    const last = ids.at(-1);
    if (/^\d+$/u.test(word) && last !== undefined && /[a-z]$/u.test(last)) ids[ids.length - 1] = last + word;
    else ids.push(word);
    return ids;
  }, []);
  // "PHQ-9" as the measure is written is the instrument phq9.
  const ids = [...new Set(joined.map((id) => (available.includes(id) ? id : id.replace(/[-_.]/gu, ""))))];
  const unknown = ids.filter((id) => !available.includes(id));
  return unknown.length === 0 ? { ok: true, ids } : { ok: false, unknown };
}
