import type { RiskEvent, Tx } from "../../store/types.js";
import { formatDateZoned } from "../format.js";
import { type EngineDeps, personWording } from "../turn-context.js";
import { aliasAsDischarged, dischargedAt } from "./alias-line.js";
import { excerpt } from "./screening.js";

/** A concern's safety question lapses after this long without an answer. */
export const SAFETY_CHECK_LAPSE_MS = 60 * 60_000;
/** The safety question asks about the past week. */
const WEEK_MS = 7 * 24 * 60 * 60_000;

/**
 * Concerns whose safety question lapsed unanswered: the question is closed ("none") and the
 * therapist is told, with the words and when, so a client who wrote something hopeless and then
 * went quiet is not left with no one knowing. Returns how many were told.
 */
export async function lapsedConcernsDue(tx: Tx, deps: EngineDeps, now: string): Promise<number> {
  const before = new Date(Date.parse(now) - SAFETY_CHECK_LAPSE_MS).toISOString();
  const lapsed = await tx.lapsedConcerns(before);
  for (const event of lapsed) {
    await tx.answerConcern(event.id, "none");
    await tellConcern(tx, deps, event, "none", now);
  }
  return lapsed.length;
}

/**
 * A check-in that ends without its summary (expired, given way to the next session's, closed by a
 * discharge) leaves its concerns untold: a "no" or an unclear answer to their safety question was
 * left for that summary ("Your therapist will see what you wrote"). They are told now. One still
 * waiting for its answer is told when it lapses (above).
 */
export async function tellConcernsOfClosed(
  tx: Tx,
  deps: EngineDeps,
  clientId: number,
  checkinId: number,
  now: string,
): Promise<void> {
  for (const event of await tx.riskEvents(clientId, { checkinId })) {
    if (event.tier !== "concern" || event.toldAt !== null) continue;
    if (event.safetyAnswer === "no" || event.safetyAnswer === "none") {
      await tellConcern(tx, deps, event, event.safetyAnswer, now, true);
    }
  }
}

/**
 * Tells the therapist of a concern no check-in summary will carry (outside a check-in, or the
 * question lapsed): non-urgent, the client's words quoted, tagged with the client for erasure.
 */
export async function tellConcern(
  tx: Tx,
  deps: EngineDeps,
  event: RiskEvent,
  answer: "no" | "none",
  now: string,
  /** "none" as an unclear answer, not the hour's lapse. */
  unclear = false,
): Promise<void> {
  const client = await tx.getClient(event.clientId);
  if (!client) return;
  const w = await personWording(tx, deps, client.therapistId);
  const when = formatDateZoned(event.at, w.pack.language, deps.config.clinic.timeZone);
  // An unsure answer before the silence ("idk, probably not") is no clear answer, not none: quoted.
  // A no with words of its own ("nicht so richtig… nur müde von allem") is quoted too.
  const said = event.answerWords;
  // A no within a week of an alert is no all-clear: the question asks about the past week, and
  // the week held a disclosure. "Worth talking about at the next session" would undo the URGENT.
  const alert = answer === "no" ? await alertBefore(tx, event) : undefined;
  const key =
    answer === "no"
      ? alert
        ? said
          ? "concern_answered_no_words_after_alert"
          : "concern_answered_no_after_alert"
        : said
          ? "concern_answered_no_words"
          : "concern_answered_no"
      : said
        ? "concern_unclear_words"
        : unclear
          ? "concern_unclear"
          : "concern_unanswered";
  // Worrying words sent one after another ("whats the point", "i just want it all to stop") each
  // asked the question again, and only the last one's answer counts: the earlier ones go with it,
  // or the therapist would never read them.
  const burst = [...(await supersededBefore(tx, event)), event];
  const text = burst.map((e) => excerpt(e.text)).join(" / ");
  // A discharged client is named as such, as an urgent alert names them, and has perhaps no next
  // session to talk about it at: the suggestion is to contact them.
  const discharged = await dischargedAt(tx, client);
  const next =
    discharged !== undefined
      ? "concern_next_discharged"
      : answer === "no"
        ? "concern_next_talk"
        : "concern_next_check";
  await tx.enqueue(
    client.therapistId,
    {
      kind: "warning",
      text: w.t(key, {
        alias: aliasAsDischarged(w, client.alias, discharged, deps.config.clinic.timeZone),
        next: w.t(next),
        text,
        date: when,
        answer: said ?? "",
        id: alert?.alertId ?? 0,
        raised: alert ? formatDateZoned(alert.at, w.pack.language, deps.config.clinic.timeZone) : "",
      }),
    },
    now,
    undefined,
    client.personId,
  );
  for (const e of burst) await tx.markConcernTold(e.id, now);
}

/** The latest disclosure that raised or joined an alert in the week before the event, if any. */
async function alertBefore(tx: Tx, event: RiskEvent): Promise<RiskEvent | undefined> {
  const from = Date.parse(event.at) - WEEK_MS;
  return (await tx.riskEvents(event.clientId))
    .filter(
      (e) =>
        e.tier === "disclosure" &&
        e.alertId !== null &&
        Date.parse(e.at) >= from &&
        Date.parse(e.at) <= Date.parse(event.at),
    )
    .at(-1);
}

/**
 * The untold concerns a later one replaced while their question waited (concernTurn closes them
 * as "none"), within the hour before it and in the same check-in or none.
 */
async function supersededBefore(tx: Tx, event: RiskEvent): Promise<RiskEvent[]> {
  const from = Date.parse(event.at) - SAFETY_CHECK_LAPSE_MS;
  return (await tx.riskEvents(event.clientId)).filter(
    (e) =>
      e.id < event.id &&
      e.tier === "concern" &&
      e.safetyAnswer === "none" &&
      e.toldAt === null &&
      e.checkinId === event.checkinId &&
      Date.parse(e.at) >= from,
  );
}
