import type { OutboundMessage } from "../../model.js";
import type { Wording } from "../../prompts/render.js";
import type { Client } from "../../store/types.js";
import type { KeptQuestion } from "../storage-question.js";
import { crisisIn, type Turn, therapistName } from "../turn-context.js";
import { type CheckinPart, checkinInstruments } from "./instrument-plan.js";
import { type ConsentVars, consentMessage, consentParts } from "./messages.js";

/** The consent question for one client in wording `w`: their therapist, their check-in's questions. */
export async function clientConsent(turn: Turn, w: Wording, client: Client): Promise<OutboundMessage> {
  return consentMessage(w, await consentVars(turn, w, client));
}

/** What the consent names for one client: the questions of their plan, as their next check-in asks them. */
export async function consentVars(turn: Turn, w: Wording, client: Client): Promise<ConsentVars> {
  const { config } = turn.deps;
  const therapist = await therapistName(turn.tx, client);
  return {
    therapist,
    clinic: config.clinic.name ?? w.t("clinic_unnamed"),
    crisis: crisisIn(turn.deps, w),
    instruments: clientInstruments(turn, client, "whole").map((id) => w.instrument(id)),
    onCall: config.risk.onCall ? { minutes: config.risk.escalateAfterMinutes } : undefined,
  };
}

/** Who sees the answers ("can my boss see this?"), as at consent: the therapist only, mydata, forget. */
export async function privacyAnswer(turn: Turn, w: Wording, client: Client): Promise<string> {
  const vars = await consentVars(turn, w, client);
  return w.t("privacy_answer", { therapist: vars.therapist, urgent: consentParts(w, vars).brief });
}

/**
 * Where the answers are kept and for how long ("how long do you keep my answers?", "is this
 * encrypted"), or that no AI reads them: then who sees them, mydata and forget, as privacyAnswer.
 * rapport erases nothing by itself, so it names no period: the clinic's own rules come from the
 * therapist.
 */
export async function keptAnswer(
  turn: Turn,
  w: Wording,
  client: Client,
  asked: KeptQuestion,
): Promise<string> {
  const vars = await consentVars(turn, w, client);
  // "is this encrypted": whether this installation seals them (RAPPORT_DATA_KEY), as it is.
  const encrypted = turn.deps.encryptedAtRest ? "data_encrypted" : "data_not_encrypted";
  const key = asked === "ai" ? "data_no_ai" : asked === "encrypted" ? encrypted : "data_stored";
  const line = w.t(key, {
    clinic: vars.clinic,
    therapist: vars.therapist,
  });
  return `${line}\n\n${await privacyAnswer(turn, w, client)}`;
}

/** The instruments of the client's check-in, or of one part of it (instrument-plan.ts). */
export function clientInstruments(turn: Pick<Turn, "deps">, client: Client, part: CheckinPart): string[] {
  const { catalog, config } = turn.deps;
  const known = catalog.languages.get(catalog.fallback)?.instruments;
  return checkinInstruments(
    client.instruments,
    part,
    { clinic: config.checkin.instruments, safetyQuestion: config.risk.safetyQuestion },
    (id) => known?.has(id) ?? false,
  );
}
