import type { ErasureActor } from "../../store/tx.js";
import type { Client } from "../../store/types.js";
import { parseChatWord } from "../chat-words.js";
import { looksLikeQuestion } from "../question.js";
import { FORGET_REF } from "../refs.js";
import type { Turn } from "../turn-context.js";
import { myDataText } from "../views/mydata.js";
import { backsOff, eraseAnswer, stillWaiting } from "./confirmations.js";

const ERASE = "erase";
const KEEP = "keep";

/** `forget`: asks for confirmation first; nothing is erased by one word typed by mistake. */
export async function requestForget(turn: Turn, client: Client, before?: string): Promise<void> {
  const w = turn.wording;
  await turn.tx.setForgetRequested(client.personId, turn.now);
  await turn.reply({
    kind: "question",
    text: before ? `${before}\n\n${w.t("forget_confirm")}` : w.t("forget_confirm"),
    choices: [
      { label: w.t("forget_erase"), value: ERASE },
      { label: w.t("forget_keep"), value: KEEP },
    ],
    ref: FORGET_REF,
  });
}

/**
 * The answer to the forget question while it waits: the button, its label ("Erase everything"),
 * or yes erases; "Keep my data" or no keeps; a question about it gets the question again with
 * what it erases; anything else cancels, said in one line, and then
 * is not taken as anything else ("cancelled": the question rapport waits for is shown again),
 * unless it is a chat word, which then goes on as itself (false). Nothing is erased on a guess.
 */
export async function answerForget(turn: Turn, client: Client): Promise<boolean | "cancelled"> {
  const input = turn.event.input;
  // As read with the client at the start of this event (getClient), when it was.
  const requested =
    client.forgetRequestedAt !== undefined
      ? client.forgetRequestedAt
      : await turn.tx.forgetRequestedAt(client.personId);
  const waiting = stillWaiting(requested, turn.now);
  if (requested !== null) await turn.tx.setForgetRequested(client.personId, null);
  const w = turn.wording;
  if (!waiting) {
    if (input.kind !== "choice" || input.ref !== FORGET_REF) return false;
    // A press on a forget question that has lapsed: asked again rather than acted on.
    await turn.replyText(w.t("forget_lapsed"));
    return true;
  }
  const raw = input.kind === "choice" ? input.value : input.text;
  const answer = eraseAnswer(raw, w, {
    erase: [ERASE, w.t("forget_erase")],
    keep: [KEEP, w.t("forget_keep")],
  });
  if (answer === "erase") {
    await eraseClient(turn, client, "client");
    return true;
  }
  if (answer === "keep" || backsOff(raw, w)) {
    await turn.replyText(w.t("forget_kept"));
    return true;
  }
  // "wait what does that delete exactly?": answered with what it erases, and the question stays.
  if (input.kind === "text" && looksLikeQuestion(raw, w.pack.language)) {
    await requestForget(turn, client, w.t("forget_explained"));
    return true;
  }
  await turn.replyText(w.t("forget_cancelled"));
  return parseChatWord(raw, w.pack.messages.words) ? false : "cancelled";
}

const GOODBYE = {
  client: "forget_done",
  therapist: "erased_notice_client",
  clinic: "erased_notice_client_by_clinic",
} as const;
const NOTICE = {
  client: "client_erased",
  therapist: "erased_by_therapist",
  clinic: "erased_by_clinic",
} as const;

/**
 * Erases a client and tells both sides: the client's `forget`, their therapist's
 * `discharge --erase`, the clinic's `rapport client erase` (clinic-admin.ts) all come here. The
 * goodbye goes to the address the client used (not through their identity, which is erased with
 * everything else), and the therapist's notice is kept only until it is sent.
 */
export async function eraseClient(turn: Turn, client: Client, actor: ErasureActor): Promise<void> {
  const [latest] = await turn.tx.identitiesOf(client.personId);
  const cw = await turn.wordingOf(client.personId);
  const tw = await turn.wordingOf(client.therapistId);
  const goodbye = cw.t(GOODBYE[actor]);
  if (latest)
    await turn.tx.enqueueDirect(
      latest.channel,
      latest.externalId,
      latest.address,
      { kind: "info", text: goodbye },
      turn.now,
    );
  const notice = tw.t(NOTICE[actor], { alias: client.alias });
  // An alert nobody acknowledged goes with the client's data; whoever holds it is told that it
  // was open, so it is not mistaken for handled (the words themselves are erased).
  const alert = await turn.tx.openRiskAlert(client.personId);
  const open = alert ? `\n${tw.t("erased_open_alert", { id: alert.id })}` : "";
  await turn.send(client.therapistId, {
    kind: alert ? "urgent" : "info",
    urgent: alert ? true : undefined,
    text: notice + open,
    // The console's copies of the client's charts go when this is delivered (console-channel.ts).
    erasedAlias: client.alias,
    erasedClient: client.personId,
  });
  if (alert?.escalatedTo) {
    const ow = await turn.wordingOf(alert.escalatedTo);
    await turn.send(alert.escalatedTo, {
      kind: "urgent",
      urgent: true,
      text: `${ow.t("erased_by_client_or_therapist", { alias: client.alias })}\n${ow.t("erased_open_alert", { id: alert.id })}`,
      // It names the client too: its sending checkpoints as the therapist's does (erasure-checkpoints.ts).
      erasedAlias: client.alias,
      erasedClient: client.personId,
    });
  }
  await turn.tx.eraseClient(client.personId, actor, turn.now);
}

/** `mydata`: everything rapport holds about the client, readable and as JSON. */
export async function myData(turn: Turn, client: Client): Promise<void> {
  const w = turn.wording;
  const data = await turn.tx.clientData(client.personId);
  const zone = (await turn.tx.clientZone(client.personId)) ?? turn.deps.config.clinic.timeZone;
  await turn.reply({
    kind: "info",
    text: myDataText(w, data, zone),
    file: {
      name: "rapport-my-data.json",
      type: "application/json",
      content: `${JSON.stringify(data, null, 2)}\n`,
      caption: w.t("mydata_json"),
      note: w.t("mydata_file_note", { clinic: turn.deps.config.clinic.name ?? w.t("clinic_unnamed") }),
    },
  });
}
