import type { Client } from "../../store/types.js";
import { normaliseAlias } from "../client-alias.js";
import type { Turn } from "../turn-context.js";
import { editDistance } from "./command-hint.js";

/** A sentence's end after a name: "summary Jordan." names jordan. */
const END_PUNCTUATION = /[.,;:!?]+$/u;

/** A name as it is compared when it was not found as typed: "José" and "jose" alike, "@alex" as "alex". */
function looseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/^@+/u, "")
    .replace(END_PUNCTUATION, "");
}

/**
 * Finds the therapist's own client by alias; another therapist's client is "no such client". A
 * client is named as typed, or without a sentence's full stop ("summary Jordan."). When the words
 * do not name a client exactly but come close ("summary jose" for josé, "summary @alex", "checkin
 * alex now"), the reply is the command written out for that client: nothing runs on a guess, and
 * nobody is told that a client they have does not exist.
 */
export async function withClient(
  turn: Turn,
  therapistId: number,
  args: readonly string[],
  usage: string,
  then: (client: Client) => Promise<void>,
): Promise<void> {
  const w = turn.wording;
  const [rawAlias] = args;
  if (!rawAlias) return turn.replyText(w.t("usage", { usage }));
  const alias = normaliseAlias(rawAlias);
  const bare = normaliseAlias(rawAlias.replace(END_PUNCTUATION, ""));
  const client =
    (alias ? await turn.tx.findClient(therapistId, alias) : undefined) ??
    (bare && bare !== alias ? await turn.tx.findClient(therapistId, bare) : undefined);
  if (client && args.length === 1) {
    turn.concerning(client.personId);
    return then(client);
  }
  const meant = client ?? (await nearClient(turn, therapistId, rawAlias));
  if (meant) {
    // The hint names the client: it goes with them if they are erased.
    turn.concerning(meant.personId);
    // Words after the name that the command does not take are left out ("checkin alex now"); a
    // near name is put right in what was typed ("schedule jose weekly mon 09:00").
    const input = turn.event.input;
    const suggestion =
      args.length > 1 || input.kind !== "text"
        ? usage.replace(/ \[.*$/u, "").replace(/ALIAS.*$/u, meant.alias)
        : input.text.trim().replace(/^\//u, "").replace(rawAlias, meant.alias);
    return turn.replyText(w.t("unknown_command_hint", { suggestion }));
  }
  return turn.replyText(w.t("no_such_client", { alias: bare ?? alias ?? rawAlias.slice(0, 32) }));
}

/**
 * The one client whose alias is the typed word with accents, an @ and end punctuation set aside;
 * else the one a slip of one letter away ("alx" for alex), for a name of three letters or more.
 */
async function nearClient(turn: Turn, therapistId: number, typed: string): Promise<Client | undefined> {
  const wanted = looseName(typed);
  if (wanted === "") return undefined;
  const clients = (await turn.tx.caseload(therapistId)).map((entry) => entry.client);
  const near = clients.filter((c) => looseName(c.alias) === wanted);
  if (near.length > 0) return near.length === 1 ? near[0] : undefined;
  if (wanted.length < 3) return undefined;
  const slips = clients.filter((c) => editDistance(looseName(c.alias), wanted) === 1);
  return slips.length === 1 ? slips[0] : undefined;
}
