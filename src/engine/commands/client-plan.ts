import type { PromptCatalog } from "../../prompts/load.js";
import { type Wording, wordingFor } from "../../prompts/render.js";
import type { Client } from "../../store/types.js";
import { clientInstruments } from "../checkin/consent-vars.js";
import { readPlanList, SAFETY_INSTRUMENT } from "../checkin/instrument-plan.js";
import { languageName } from "../format.js";
import type { Turn } from "../turn-context.js";
import { fallbackNote } from "./fallback-note.js";
import { languageNamed } from "./language-names.js";

/**
 * A therapist's words about what one client is asked, and in which language:
 * `instruments ALIAS [LIST|default]` and `language ALIAS [CODE|auto]`. Either applies from the
 * next check-in; one already open keeps the questions it was sent with (they are stored with it).
 */

/** The instruments a therapist may choose: those of the fallback language, all but the clinic's safety question. */
function availableInstruments(catalog: PromptCatalog): string[] {
  const pack = catalog.languages.get(catalog.fallback);
  return [...(pack?.instruments.keys() ?? [])].filter((id) => id !== SAFETY_INSTRUMENT);
}

export async function instruments(turn: Turn, client: Client, args: readonly string[]): Promise<void> {
  const w = turn.wording;
  const { alias } = client;
  if (args.length === 0) {
    const plan = planText(w, clientInstruments(turn, client, "whole"));
    const key = client.instruments ? "instruments_shown" : "instruments_default_shown";
    return turn.replyText(w.t(key, { alias, plan }));
  }
  if (args.length === 1 && args[0]?.toLowerCase() === "default") {
    await turn.tx.setClientInstruments(client.personId, null);
    const ids = clientInstruments(turn, { ...client, instruments: null }, "whole");
    const text = withFallback(turn, client, ids, w.t("instruments_reset", { alias, plan: planText(w, ids) }));
    return replyWithOpen(turn, client, text);
  }
  const available = availableInstruments(turn.deps.catalog);
  const list = readPlanList(args, available);
  if (!list.ok) return turn.replyText(unknownText(turn, list.unknown, available));
  if (list.ids.length === 0) return turn.replyText(w.t("usage", { usage: w.t("usage_instruments") }));
  await turn.tx.setClientInstruments(client.personId, list.ids);
  const ids = clientInstruments(turn, { ...client, instruments: list.ids }, "whole");
  const text = withFallback(turn, client, ids, w.t("instruments_set", { alias, plan: planText(w, ids) }));
  return replyWithOpen(turn, client, text);
}

/** A reply, with which of `ids` the client's language set for them has no prompts for (fallback-note.ts). */
function withFallback(turn: Turn, client: Client, ids: readonly string[], text: string): string {
  if (!client.language) return text;
  const note = fallbackNote(turn.wording, turn.deps.catalog, client.alias, client.language, ids);
  return note ? `${text} ${note}` : text;
}

/**
 * Why a list was refused: the safety question is the clinic's; a measure rapport scores but whose
 * questionnaire the clinic has not imported (the PHQ-9) is an admin's to add, and the therapist
 * should know whom to ask; any other id is not in the prompts. Every id refused is named at once.
 */
function unknownText(turn: Turn, unknown: readonly string[], available: readonly string[]): string {
  const w = turn.wording;
  if (unknown.includes(SAFETY_INSTRUMENT)) return w.t("instruments_safety_fixed");
  const shown = (id: string) => [...id].slice(0, 32).join("");
  const { profiles } = turn.deps.catalog;
  const list = available.join(", ");
  const lines = unknown.flatMap((id) => {
    const measure = profiles.get(id);
    return measure
      ? [w.t("instruments_not_imported", { instrument: shown(id), measure, available: list })]
      : [];
  });
  const other = unknown.filter((id) => !profiles.has(id)).map(shown);
  if (other.length === 1)
    lines.unshift(w.t("instruments_unknown", { instrument: other[0] ?? "", available: list }));
  if (other.length > 1)
    lines.unshift(w.t("instruments_unknown_several", { instruments: other.join(", "), available: list }));
  return lines.join("\n");
}

/** "progress, alliance, the safety question": ids as the therapist types them, the safety question in words. */
function planText(w: Wording, ids: readonly string[]): string {
  return ids.map((id) => (id === SAFETY_INSTRUMENT ? w.t("instruments_safety_item") : id)).join(", ");
}

/** A change of plan says, when a check-in is open, that it keeps its questions. */
async function replyWithOpen(turn: Turn, client: Client, text: string): Promise<void> {
  const open = await turn.tx.openCheckin(client.personId);
  const note = open ? `\n${turn.wording.t("instruments_open_kept", { alias: client.alias })}` : "";
  return turn.replyText(text + note);
}

export async function language(turn: Turn, client: Client, args: readonly string[]): Promise<void> {
  const w = turn.wording;
  const { catalog } = turn.deps;
  const { alias } = client;
  const [code] = args;
  if (args.length > 1) return turn.replyText(w.t("usage", { usage: w.t("usage_language") }));
  if (code === undefined) {
    if (client.language)
      return turn.replyText(w.t("language_shown", { alias, language: named(w, client.language) }));
    return turn.replyText(w.t("language_auto_shown", { alias, language: await fromApp(turn, client) }));
  }
  if (code.toLowerCase() === "auto") {
    await turn.tx.setClientLanguage(client.personId, null);
    return turn.replyText(w.t("language_cleared", { alias, language: await fromApp(turn, client) }));
  }
  // "German" or "Deutsch" as well as "de": the name is what a therapist reaches for first.
  const found = packFor(catalog, code) ?? languageNamed([...catalog.languages.keys()], code);
  if (!found) {
    const available = [...catalog.languages.keys()].map((l) => named(w, l)).join(", ");
    return turn.replyText(w.t("language_unknown", { language: code.slice(0, 16), available }));
  }
  await turn.tx.setClientLanguage(client.personId, found);
  const ids = clientInstruments(turn, client, "whole");
  return turn.replyText(
    withFallback(
      turn,
      { ...client, language: found },
      ids,
      w.t("language_set", { alias, language: named(w, found) }),
    ),
  );
}

/** The prompts language a code names: "de", "DE", or "de-CH" when there is no de-ch folder. */
export function packFor(catalog: PromptCatalog, code: string): string | undefined {
  const wanted = code.toLowerCase();
  const base = wanted.split(/[-_]/u)[0] ?? "";
  if (catalog.languages.has(wanted)) return wanted;
  return catalog.languages.has(base) ? base : undefined;
}

/** The language a client's messages are in without one set: their app's where there are prompts, else the clinic's. */
async function fromApp(turn: Turn, client: Client): Promise<string> {
  const [latest] = await turn.tx.identitiesOf(client.personId);
  const { catalog, config } = turn.deps;
  return named(turn.wording, wordingFor(catalog, latest?.locale, config.clinic.language).pack.language);
}

/** "German (de)", in the therapist's language. */
function named(w: Wording, code: string): string {
  return languageName(code, w.pack.language);
}
