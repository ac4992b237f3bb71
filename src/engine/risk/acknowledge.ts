import type { PromptCatalog } from "../../prompts/load.js";
import type { RiskAlert } from "../../store/types.js";
import { normaliseAlias } from "../client-alias.js";
import { alertRef } from "../refs.js";
import type { Turn } from "../turn-context.js";
import { SEEN_WORD } from "./alerts.js";

/**
 * `seen N`, `seen ALIAS`, a bare `seen` or the button's label typed: the treating therapist
 * acknowledges any alert about their client; the on-call contact only an alert that was escalated
 * to them. The other one is told, so nobody chases an alert that is already in hand. A bare `seen`
 * (or the label) acknowledges the one open alert the person may acknowledge, and asks which when
 * there are more, listing them.
 */
export async function acknowledgeRisk(turn: Turn, personId: number, args: readonly string[]): Promise<void> {
  const w = turn.wording;
  // "seen alert 3": the number, wherever it stands.
  const rawId = args.find((a) => /\d/u.test(a));
  if (rawId !== undefined) return acknowledgeNumber(turn, personId, rawId);
  const open = await turn.tx.openRiskAlertsFor(personId);
  const word = args.find((a) => !/^(?:alert|meldung|alarm|alerta)$/iu.test(a));
  if (word === undefined) {
    const [only] = open;
    if (open.length === 1 && only) return acknowledgeAlert(turn, personId, only);
    return whichAlert(turn, open);
  }
  // "seen alex": the open alert about that client, the therapist's own or one escalated to them.
  const alias = normaliseAlias(word);
  for (const alert of open) {
    const client = await turn.tx.getClient(alert.clientId);
    if (client && client.alias === alias) return acknowledgeAlert(turn, personId, alert);
  }
  const own = alias ? await turn.tx.findClient(personId, alias) : undefined;
  if (own) return turn.replyText(w.t("seen_alias_none", { alias: own.alias }));
  return whichAlert(turn, open);
}

/**
 * `seen` that does not say which alert: the numbers of the ones really open, each with its client,
 * never a made-up example number that names no alert. One open: a line about it; several: how
 * many, then each with its own button (see `openAlertsReply`).
 */
async function whichAlert(turn: Turn, open: readonly RiskAlert[]): Promise<void> {
  const w = turn.wording;
  const [only] = open;
  if (!only) return turn.replyText(w.t("seen_none_open"));
  const client = open.length === 1 ? await turn.tx.getClient(only.clientId) : undefined;
  if (client)
    return turn.replyAbout(w.t("seen_without_number", { id: only.id, alias: client.alias }), client.personId);
  return openAlertsReply(turn, open, w.t("seen_which_many", { count: open.length }));
}

/**
 * Several open alerts listed for the person who may acknowledge them: `lead` (how many, what to
 * do, no client named), then one line per alert, "seen 3 (alex)" with its I've seen this button.
 * One message per alert, each tagged with its client, so erasing a client withdraws the line that
 * names them while it is queued: a message is withdrawn for one client only.
 */
export async function openAlertsReply(turn: Turn, open: readonly RiskAlert[], lead: string): Promise<void> {
  const w = turn.wording;
  await turn.replyText(lead);
  for (const alert of open) {
    const client = await turn.tx.getClient(alert.clientId);
    if (!client) continue;
    await turn.replyAbout(
      {
        kind: "info",
        text: w.t("seen_open_item", { id: alert.id, alias: client.alias }),
        choices: [{ label: w.t("seen_label"), value: `${SEEN_WORD} ${alert.id}` }],
        ref: alertRef(alert.id),
      },
      client.personId,
    );
  }
}

async function acknowledgeNumber(turn: Turn, personId: number, rawId: string): Promise<void> {
  const w = turn.wording;
  // "seen #3" and "seen 3." are alert 3, as people write a number.
  const id = Number(rawId.replace(/^#/u, "").replace(/[.,;:!?]+$/u, ""));
  const alert = Number.isInteger(id) && id > 0 ? await turn.tx.getRiskAlert(id) : undefined;
  const client = alert ? await turn.tx.getClient(alert.clientId) : undefined;
  if (!alert || !client) return turn.replyText(w.t("seen_unknown"));
  const mayAcknowledge = client.therapistId === personId || alert.escalatedTo === personId;
  if (!mayAcknowledge) {
    // The on-call contact, before the alert reached them: it is with the treating therapist.
    // (Already seen by the treating therapist: told so, not "no alert with that number".)
    const onCall = alert.escalatedTo === null && (await onCallId(turn)) === personId;
    if (!onCall) return turn.replyText(w.t("seen_unknown"));
    if (alert.acknowledgedAt) return turn.replyText(w.t("seen_already"));
    return turn.replyText(w.t("seen_not_yet_on_call", { id: alert.id }));
  }
  if (alert.acknowledgedAt) return turn.replyText(w.t("seen_already"));
  return acknowledgeAlert(turn, personId, alert);
}

async function onCallId(turn: Turn): Promise<number | undefined> {
  const name = turn.deps.config.risk.onCall;
  return name ? (await turn.tx.findTherapistByName(name))?.id : undefined;
}

async function acknowledgeAlert(turn: Turn, personId: number, alert: RiskAlert): Promise<void> {
  const w = turn.wording;
  const client = await turn.tx.getClient(alert.clientId);
  if (!client) return turn.replyText(w.t("seen_unknown"));
  await turn.tx.acknowledgeRiskAlert(alert.id, personId, turn.now);
  await turn.tx.recordRiskStep(alert.id, "acknowledged", personId, turn.now);
  // Which alert, about whom: "seen 3" typed from memory confirms the one meant, or shows it was not.
  await turn.replyAbout(w.t("seen_ok", { id: alert.id, alias: client.alias }), client.personId);
  const other = personId === client.therapistId ? alert.escalatedTo : client.therapistId;
  if (other === null || other === personId || !alert.escalatedTo) return;
  const ow = await turn.wordingOf(other);
  const name = turn.person?.name ?? "";
  await turn.send(
    other,
    { kind: "info", text: ow.t("seen_by_other", { alias: client.alias, name }) },
    client.personId,
  );
}

/** Loosely written: "Ive seen this!", "i’ve seen this" are the label typed. */
const plain = (text: string) =>
  text
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’`´]/gu, "")
    .replace(/[\s.!]+$/u, "")
    .replace(/\s+/gu, " ")
    .trim();

/** Whether the message is the alert button's label typed, in any language rapport speaks. */
export function isSeenLabel(catalog: PromptCatalog, text: string): boolean {
  const said = plain(text);
  return [...catalog.languages.values()].some((pack) => plain(pack.messages.messages.seen_label) === said);
}
