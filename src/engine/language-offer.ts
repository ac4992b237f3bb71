import { wordingFor } from "../prompts/render.js";
import type { Checkin, Client } from "../store/types.js";
import { stepMessage, withLine } from "./checkin/messages.js";
import { packFor } from "./commands/client-plan.js";
import { LANGUAGE_REF } from "./refs.js";
import { type Turn, therapistName } from "./turn-context.js";

/**
 * A client's request for another language ("can we do this in spanish", "hablas español?"), and
 * the button that grants it. Where the clinic has that language's prompts, the offer says so in
 * that language and in the client's, with a button that sets the client's language as `language
 * ALIAS CODE` does; the therapist is told in one line, and from then on rapport writes in it (an
 * open check-in's question comes again in it at once). Where it has none, the client is told
 * kindly which it has. No chat word: the button's value, typed, is the same as pressing it.
 */

/** The button's value: this prefix and the language's code ("lang:es"). */
const VALUE = /^lang:([a-z]{2,3}(?:-[a-z0-9]+)?)$/u;

/** A language's own name for itself, or in another: "español", "Spanish". */
function nameOf(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A language offered is recorded as the client's standing offer (break-offer.ts), its end being
 * this prefix and the code: a typed "yes" right after it takes the language, except at a risk item,
 * where it may be the answer to the question: there it is asked which was meant, never taken as a
 * yes to the safety question.
 */
const LANGUAGE_OFFERED = "lang:";

/** The language a standing offer offered ("lang:es"), or undefined for a break offered. */
export function languageOffered(until: string | null): string | undefined {
  return until?.startsWith(LANGUAGE_OFFERED) ? until.slice(LANGUAGE_OFFERED.length) : undefined;
}

/** The offer's button ("Cambiar a español"), in the language offered. */
export function languageChoice(turn: Turn, code: string): { label: string; value: string } {
  const asked = wordingFor(turn.deps.catalog, code, turn.deps.config.clinic.language);
  return {
    label: asked.t("language_switch_button", { language: nameOf(code, code) }),
    value: `lang:${code}`,
  };
}

/**
 * The reply to a request for the language `code`. Asked at a check-in's question (`open`), the
 * question comes again below the offer, with its buttons and the language's, as a break offered
 * there does: the client need not scroll up to answer it.
 */
export async function offerLanguage(turn: Turn, client: Client, code: string, open?: Checkin): Promise<void> {
  const { catalog, config } = turn.deps;
  const w = turn.wording;
  const current = w.pack.language;
  if (code === current) return turn.replyText(w.t("language_already", { language: nameOf(code, current) }));
  if (!packFor(catalog, code)) {
    const available = [...catalog.languages.keys()].map((l) => nameOf(l, current)).join(", ");
    const therapist = await therapistName(turn.tx, client);
    return turn.replyText(
      w.t("language_unavailable", { language: nameOf(code, current), available, therapist }),
    );
  }
  // The offer in the language asked for first, so that a client who reads only that one finds it.
  const asked = wordingFor(catalog, code, config.clinic.language);
  const text = [
    asked.t("language_offer", { language: nameOf(code, code) }),
    w.t("language_offer", { language: nameOf(code, current) }),
  ].join("\n\n");
  const choice = languageChoice(turn, code);
  if (open) {
    const question = stepMessage(w, open, await therapistName(turn.tx, client), false);
    await turn.reply({ ...withLine(question, text), choices: [...(question.choices ?? []), choice] });
  } else {
    await turn.reply({ kind: "question", text, choices: [choice], ref: LANGUAGE_REF });
  }
  // Kept as the standing offer, so that a typed "yes" right after it switches as the button does.
  await turn.tx.setBreakOffer(client.personId, { at: turn.now, until: `${LANGUAGE_OFFERED}${code}` });
}

/**
 * A press on the offer's button, or its value typed: the client's language is set, they are told
 * so in it, the therapist in one line, and an open check-in's question comes again in it. False
 * for anything else.
 */
export async function switchLanguage(turn: Turn, client: Client): Promise<boolean> {
  const input = turn.event.input;
  const raw = (input.kind === "choice" ? input.value : input.text).trim().toLowerCase();
  return chooseLanguage(turn, client, VALUE.exec(raw)?.[1] ?? "");
}

/**
 * The client's language set to `asked`, if the clinic has it: told in it, the therapist in one
 * line, and an open check-in's question again in it. False when it has none.
 */
export async function chooseLanguage(turn: Turn, client: Client, asked: string): Promise<boolean> {
  const code = packFor(turn.deps.catalog, asked);
  if (!code || client.status !== "active") return false;
  await turn.tx.setClientLanguage(client.personId, code);
  turn.language = code;
  const w = turn.wording;
  await turn.replyText(w.t("language_switched", { language: nameOf(code, code) }));
  const tw = await turn.wordingOf(client.therapistId);
  const language = nameOf(code, tw.pack.language);
  const line = tw.t("client_language_chosen", { alias: client.alias, language, code });
  await turn.send(client.therapistId, { kind: "info", text: line }, client.personId);
  const open = client.pausedAt ? undefined : await turn.tx.openCheckin(client.personId);
  if (open) await turn.reply(stepMessage(w, open, await therapistName(turn.tx, client)));
  return true;
}
