import { startAndLength } from "../schedule/break-end.js";
import { dayRangeIn } from "../schedule/day-range.js";
import { localDate } from "../schedule/local-time.js";
import type { Client } from "../store/types.js";
import { localWord, type ParsedWord } from "./chat-words.js";
import { zoneOf } from "./client-time.js";
import type { Turn } from "./turn-context.js";

/**
 * The language's own stop word with the days of a break after it ("pause from dec 20 to jan 5",
 * "stopp vom 20.12. bis 5.1.", "pausa del 20 de diciembre al 5 de enero"): `stop` with those days,
 * as the consent and help texts tell clients to type it. Only with days: "pause for a while pls"
 * stays words, which get the way to pause offered.
 */
export async function datedStopWord(
  turn: Turn,
  client: Client,
  text: string,
): Promise<ParsedWord | undefined> {
  const [head = "", ...rest] = text.trim().split(/\s+/u);
  if (rest.length === 0) return undefined;
  const word = localWord(head.replace(/[.,:!]+$/u, ""), turn.wording.pack.messages.words);
  if (word?.word !== "stop") return undefined;
  const today = localDate(new Date(turn.now), await zoneOf(turn, client));
  const words = rest.join(" ");
  const dated = dayRangeIn(words, today) ?? startAndLength(words, today);
  return dated ? { word: "stop", args: rest } : undefined;
}
