import type { RiskFinding } from "../clinical/risk-finding.js";
import { codeArgument, codeInText } from "../codes.js";
import type { Client } from "../store/types.js";
import { parseChatWord } from "./chat-words.js";
import { routeClient } from "./client-router.js";
import { linkTherapist, startEnrolment } from "./commands/enrolment.js";
import { identityStale } from "./identity-refresh.js";
import { concernTurn, disclosureTurn } from "./risk/disclosure.js";
import { screenInput } from "./risk/screening.js";
import { routeTherapist } from "./therapist-router.js";
import { crisisIn, type Turn } from "./turn-context.js";

/**
 * Who an admitted event is for (engine.ts calls this in the event's transaction, once it is
 * recorded): a group message, a stranger, a therapist or a client. A group's and a stranger's
 * words are screened for risk first.
 */
export async function route(turn: Turn): Promise<void> {
  const { event, tx } = turn;
  // A button can carry a chat word too ("seen 12" on an urgent alert).
  const said = event.input.kind === "text" ? event.input.text : event.input.value;
  const parsed = parseChatWord(said, turn.wording.pack.messages.words);
  // Health data never goes to a group: there, rapport only points to a direct conversation.
  // A disclosure in a group still counts: a client's goes the whole risk path, privately.
  if (!event.direct) {
    const known = await tx.findIdentity(event.channel, event.sender.id);
    const client = known ? await tx.getClient(known.personId) : undefined;
    const finding = await screenInput(turn, parsed);
    if (finding && client) await groupDisclosure(turn, client, finding);
    // Someone unknown in a group cannot be written to privately: the group gets a neutral pointer
    // to a direct chat, where the crisis text follows; their words are not answered in front of others.
    const pointer = finding && !client ? "group_pointer_risk" : "group_pointer";
    await tx.enqueueDirect(
      event.channel,
      `group:${event.sender.id}`,
      event.address,
      { kind: "info", text: turn.wording.t(pointer) },
      turn.now,
    );
    return;
  }
  const identity = await tx.findIdentity(event.channel, event.sender.id);
  if (!identity) {
    // Someone rapport does not know gets the crisis text at once (there is no therapist to tell),
    // and nothing procedural after it.
    const finding = await screenInput(turn, parsed);
    if (finding) return crisisForStranger(turn, finding.language);
    if (parsed?.word === "start") return startEnrolment(turn, codeArgument(parsed.args));
    if (parsed?.word === "link") return linkTherapist(turn, codeArgument(parsed.args));
    // "hi, start K7QM-2XRD-9HWP", or the code alone: the invite it carries.
    const code = parsed
      ? undefined
      : codeInText(turn.event.input.kind === "text" ? turn.event.input.text : "");
    if (code) return startEnrolment(turn, code);
    // Once an hour per sender (flood-admission.ts `strangerAnswer` tells this case apart the same way).
    turn.toldHowToStart = true;
    // Asked for help, a therapist who has not linked yet reads how to, after the client's line.
    return turn.replyText(turn.wording.t(parsed?.word === "help" ? "unknown_sender_help" : "unknown_sender"));
  }
  // Keep the reply address and language fresh: platforms move conversations and users change settings.
  turn.identity = {
    ...identity,
    address: event.address,
    locale: event.sender.locale ?? identity.locale,
    timeZone: event.sender.timeZone ?? identity.timeZone,
  };
  if (identityStale(identity, turn.identity, turn.now)) await tx.saveIdentity(turn.identity, turn.now);
  // A client's person row comes with their client read: one read, not two (a therapist's, alone).
  const client = await tx.getClient(identity.personId);
  turn.person = client?.person ?? (await tx.getPerson(identity.personId));
  if (!turn.person) return;
  if (turn.person.role === "therapist") return routeTherapist(turn, turn.person.id, parsed);
  if (!client) return;
  if (!client.language) return routeClient(turn, client, parsed);
  // A language set by the therapist comes first: the client's own control words are its words.
  turn.language = client.language;
  return routeClient(turn, client, parseChatWord(said, turn.wording.pack.messages.words));
}

/** In the language of the words that matched, as for a client: a stranger has no other. */
async function crisisForStranger(turn: Turn, spoken: string | null): Promise<void> {
  const w = turn.spokenWording(spoken);
  await turn.reply({
    kind: "urgent",
    urgent: true,
    text: w.t("crisis_message_unknown", { crisis: crisisIn(turn.deps, w) }),
  });
}

/**
 * A client's words in a group take the risk path in their direct conversation, never in the
 * group; there they are never a check-in answer or comment.
 */
async function groupDisclosure(turn: Turn, client: Client, finding: RiskFinding): Promise<void> {
  turn.person = await turn.tx.getPerson(client.personId);
  const input = turn.event.input;
  const text = input.kind === "text" ? input.text : input.value;
  if (finding.tier === "disclosure") return disclosureTurn(turn, client, undefined, finding, text);
  return concernTurn(turn, client, undefined, finding, text);
}
