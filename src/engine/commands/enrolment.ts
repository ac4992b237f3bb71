import { hashCode, normaliseCode } from "../../codes.js";
import type { InboundInput } from "../../model.js";
import { type Wording, wordingFor } from "../../prompts/render.js";
import type { Client, Code, CodeKind } from "../../store/types.js";
import { afterGreeting } from "../acknowledgement.js";
import { clientConsent, consentVars } from "../checkin/consent-vars.js";
import { consentMessage, consentParts } from "../checkin/messages.js";
import { sendCheckin } from "../checkin/send-checkin.js";
import { looksLikeQuestion } from "../question.js";
import { CONSENT_NO, CONSENT_REF, CONSENT_YES } from "../refs.js";
import { type Turn, therapistName } from "../turn-context.js";
import { leansYes, parseYesNo } from "../yes-no.js";

/** A code that can still be used: known, of the right kind, unused, unexpired. */
async function usableCode(
  turn: Turn,
  raw: string | undefined,
  kind: CodeKind,
): Promise<(Code & { hash: string }) | "wrong_kind" | "locked" | undefined> {
  // After 5 wrong codes in an hour a sender waits an hour: 60-bit codes then cannot be guessed.
  const sender = senderKey(turn);
  const hourAgo = new Date(Date.parse(turn.now) - 3_600_000).toISOString();
  if ((await turn.tx.codeAttemptsSince(sender, hourAgo)) >= MAX_WRONG_CODES) return "locked";
  const normalised = raw ? normaliseCode(raw) : undefined;
  const hash = normalised ? hashCode(normalised) : undefined;
  const code = hash ? await turn.tx.findCode(hash) : undefined;
  if (!hash || !code || code.usedAt !== null || code.expiresAt <= turn.now) {
    await turn.tx.recordCodeAttempt(sender, turn.now);
    return undefined;
  }
  if (code.kind !== kind) return "wrong_kind";
  return { ...code, hash };
}

const MAX_WRONG_CODES = 5;

/** The sender across channels; the store keeps only a keyed hash of it, never a platform user id. */
function senderKey(turn: Turn): string {
  return `${turn.event.channel}:${turn.event.sender.id}`;
}

/** `link CODE` from someone rapport does not know yet: they become the therapist the code was made for. */
export async function linkTherapist(turn: Turn, rawCode: string | undefined): Promise<void> {
  const w = turn.wording;
  if (!rawCode) return turn.replyText(w.t("usage", { usage: "link CODE" }));
  const code = await usableCode(turn, rawCode, "link");
  if (code === "locked") return turn.replyText(w.t("too_many_codes"));
  if (!code || code === "wrong_kind") return turn.replyText(w.t("code_invalid"));
  const person = await turn.tx.getPerson(code.personId);
  if (!person) return turn.replyText(w.t("code_invalid"));
  await turn.tx.useCode(code.hash, turn.now);
  await turn.attachSender(person);
  await turn.replyText(w.t("link_ok", { name: person.name }));
}

/** `start CODE`: the client's identity is attached to the invited client, and consent is asked. */
export async function startEnrolment(turn: Turn, rawCode: string | undefined): Promise<void> {
  const w = turn.wording;
  if (!rawCode) return turn.replyText(w.t("start_without_code"));
  const code = await usableCode(turn, rawCode, "invite");
  if (code === "locked") return turn.replyText(w.t("too_many_codes"));
  if (code === "wrong_kind") return turn.replyText(w.t("code_wrong_kind_therapist"));
  const client = code ? await turn.tx.getClient(code.personId) : undefined;
  if (!code || !client || client.status === "active" || client.status === "discharged") {
    return turn.replyText(w.t("code_invalid"));
  }
  await turn.tx.useCode(code.hash, turn.now);
  const person = await turn.tx.getPerson(client.personId);
  if (person) await turn.attachSender(person);
  // A language the therapist set before the client joined is the consent's language too.
  turn.language = client.language ?? null;
  await turn.tx.setClientStatus(client.personId, "joining");
  await askConsent(turn, client);
}

export async function askConsent(turn: Turn, client: Client): Promise<void> {
  await turn.reply(await clientConsent(turn, turn.wording, client));
}

/**
 * The answer to the consent question. Yes: the client is active. No: the refusal is recorded
 * and the client's identities are removed, so nothing else about them stays.
 */
export async function answerConsent(turn: Turn, client: Client, input: InboundInput): Promise<void> {
  const w = turn.wording;
  const { personId: clientId, therapistId, alias } = client;
  if (input.kind === "choice" && input.ref !== undefined && input.ref !== CONSENT_REF) {
    return turn.pressNotice(w.t("old_button"));
  }
  // The buttons' labels count as typed, whatever the pack's word lists say; a greeting before the
  // answer ("hola! si claro") is not part of it.
  const raw = input.kind === "choice" ? input.value : afterGreeting(input.text);
  const consentWords = (pack: Wording) =>
    parseYesNo(raw, pack.pack.messages.words, {
      yes: [CONSENT_YES, pack.t("consent_yes")],
      no: [CONSENT_NO, pack.t("consent_no")],
    });
  // A client writing in another language rapport speaks ("sí, acepto" before their language is
  // set) is not locked out: their words count when every language that reads them agrees.
  const own = consentWords(w);
  const readings = own
    ? []
    : [...turn.deps.catalog.languages.keys()].flatMap((language) => {
        const reading = consentWords(wordingFor(turn.deps.catalog, language));
        return reading ? [{ language, reading }] : [];
      });
  const readers = readings.map((r) => r.language);
  const agreed = new Set(readings.map((r) => r.reading));
  const choice = own ?? (agreed.size === 1 ? readings[0]?.reading : undefined);
  // A question ("what is this?", "does my insurer see this?") gets the consent's answers in short,
  // with its buttons: the whole text again was a wall that answered nothing in particular.
  // Anything else unclear is asked again in a line.
  if (!choice) {
    const text = input.kind === "text" ? input.text : "";
    if (!looksLikeQuestion(text, w.pack.language)) {
      // With the buttons: "tap one of the two buttons" had none beside it to tap.
      const unsure = leansYes(text, w.pack.messages.words);
      const { choices, ref } = consentMessage(w, await consentVars(turn, w, client));
      const line = w.t(unsure ? "consent_reask_unsure" : "consent_reask");
      return turn.reply({ kind: "question", text: line, choices, ref });
    }
    const vars = await consentVars(turn, w, client);
    const urgent = consentParts(w, vars).brief;
    const short = w.t("consent_question", { therapist: vars.therapist, clinic: vars.clinic, urgent });
    return turn.reply({ ...consentMessage(w, vars), text: short });
  }
  const version = w.consent.version;
  const tw = await turn.wordingOf(therapistId);
  await turn.showAnswer(await clientConsent(turn, w, client));
  const earlier = await turn.tx.latestConsent(clientId);
  if (choice === "yes") {
    await turn.tx.recordConsent(clientId, version, "given", turn.now);
    await turn.tx.setClientStatus(clientId, "active");
    // Agreed in words only one language has ("sí, acepto"): rapport goes on in it, as the
    // therapist's `language ALIAS` would set it, unless a language was set already.
    const [spoken] = readers;
    if (readers.length === 1 && spoken && !client.language) {
      await turn.tx.setClientLanguage(clientId, spoken);
      turn.language = spoken;
    }
    await turn.replyText(
      turn.wording.t("consent_given", { therapist: await therapistName(turn.tx, client) }),
    );
    // Agreeing again to changed wording: the check-in that asked for it follows at once.
    if (earlier?.choice === "given") {
      await sendCheckin(turn, { ...client, status: "active" });
      return;
    }
    await turn.send(therapistId, { kind: "info", text: tw.t("client_joined", { alias }) }, clientId);
    return;
  }
  if (earlier?.choice === "given") {
    // Declining changed wording ends the check-ins; what was given before stays until they ask (forget).
    await turn.tx.recordConsent(clientId, version, "declined", turn.now);
    await turn.tx.setClientStatus(clientId, "declined");
    await turn.replyText(w.t("consent_declined"));
    await turn.send(therapistId, { kind: "info", text: tw.t("client_declined", { alias }) }, clientId);
    return;
  }
  await turn.tx.recordConsent(clientId, version, "declined", turn.now);
  // Words of risk written before the answer stay with the therapist, who was told of them: so does
  // this chat's address, so that a disclosure written later still reaches them (CLINICAL.md: from any
  // client, in any state). Both messages say so; `forget` erases it all.
  const kept = (await turn.tx.riskEvents(clientId)).length > 0;
  const therapist = await therapistName(turn.tx, client);
  await turn.replyText(kept ? w.t("consent_declined_risk_kept", { therapist }) : w.t("consent_declined"));
  if (!kept) {
    for (const identity of await turn.tx.identitiesOf(clientId)) {
      await turn.tx.deleteIdentity(identity.channel, identity.externalId);
    }
  }
  // The reply above still goes out; sent outbox rows keep no address or content.
  await turn.tx.setClientStatus(clientId, "declined");
  const told = kept ? tw.t("client_declined_risk_kept", { alias }) : tw.t("client_declined", { alias });
  await turn.send(therapistId, { kind: "info", text: told }, clientId);
}
