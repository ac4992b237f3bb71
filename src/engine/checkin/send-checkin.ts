import type { Checkin, Client } from "../../store/types.js";
import { type Turn, therapistName } from "../turn-context.js";
import { clientConsent, clientInstruments } from "./consent-vars.js";
import { stepMessage } from "./messages.js";
import { buildPlan } from "./plan.js";

/**
 * Opens a check-in and sends the first question, or, when the consent text changed since the
 * client agreed, asks for consent again first (undefined: no check-in yet). Every check-in, sent
 * by hand or by the schedule, gets its reminder and its expiry, so none stays open for weeks.
 * `by`: who asked, as the intro says it (the therapist by hand, or the schedule). `instruments`:
 * what this check-in asks (a split schedule's part), else the client's plan or the clinic's.
 * `earlierClosed`: it closed one the client had begun, which its first message says.
 */
export async function sendCheckin(
  turn: Turn,
  client: Client,
  instruments?: readonly string[],
  by: "therapist" | "schedule" | "before session" = "therapist",
  earlierClosed = false,
): Promise<Checkin | undefined> {
  const w = await turn.wordingOf(client.personId);
  const { config } = turn.deps;
  const consent = await turn.tx.latestConsent(client.personId);
  if (!consent || consent.version < w.consent.version) {
    await turn.tx.setClientStatus(client.personId, "joining");
    await turn.send(client.personId, await clientConsent(turn, w, client));
    return undefined;
  }
  // The plan is stored with the check-in: a plan changed later applies from the next one.
  const ids = instruments ?? clientInstruments(turn, client, "whole");
  const checkin = await turn.tx.createCheckin(
    client.personId,
    buildPlan(ids.map((id) => w.instrument(id))),
    turn.now,
  );
  const therapist = await therapistName(turn.tx, client);
  const intro =
    by === "schedule"
      ? "checkin_intro_scheduled"
      : by === "before session"
        ? "checkin_intro_before"
        : "checkin_intro";
  const text = w.t(intro, { therapist, count: checkin.plan.length });
  await turn.send(client.personId, {
    kind: "info",
    text: earlierClosed ? `${w.t("checkin_earlier_closed", { therapist })}\n${text}` : text,
  });
  await turn.send(client.personId, stepMessage(w, checkin, therapist));
  const at = (hours: number) => new Date(Date.parse(turn.now) + hours * 3_600_000).toISOString();
  const { reminderAfterHours, expireAfterHours } = config.schedule;
  await turn.tx.addJob("reminder", client.personId, at(reminderAfterHours), turn.now, checkin.id);
  await turn.tx.addJob("expire", client.personId, at(expireAfterHours), turn.now, checkin.id);
  return checkin;
}
