import { isAcknowledgement, isThanks } from "./acknowledgement.js";
import type { ParsedWord } from "./chat-words.js";
import { normaliseAlias } from "./client-alias.js";
import { chart } from "./commands/chart.js";
import { withClient } from "./commands/client-lookup.js";
import { instruments, language } from "./commands/client-plan.js";
import { activeOnly, checkin, contact, discharge, invite, setAge, takeAge } from "./commands/clients.js";
import { commandHintOf } from "./commands/command-hint.js";
import { answerTherapistErase } from "./commands/confirmations.js";
import { pause } from "./commands/pause.js";
import { PAUSE_USAGE } from "./commands/pause-usage.js";
import { eraseClient } from "./commands/privacy.js";
import { schedule, session, timezone } from "./commands/schedule.js";
import { summary } from "./commands/summary.js";
import { wordNoteOf } from "./commands/word-notes.js";
import { acknowledgeRisk, isSeenLabel, openAlertsReply } from "./risk/acknowledge.js";
import type { Turn } from "./turn-context.js";
import { caseloadText } from "./views/caseload.js";

/** Everything a linked therapist can type. */
export async function routeTherapist(
  turn: Turn,
  therapistId: number,
  parsed: ParsedWord | undefined,
): Promise<void> {
  const w = turn.wording;
  // A waiting "erase ALIAS?" takes this message as its answer first.
  if (await answerTherapistErase(turn, therapistId, (client) => eraseClient(turn, client, "therapist")))
    return;
  turn.concerning(undefined);
  switch (parsed?.word) {
    case "help":
      return turn.replyText(w.t("therapist_help"));
    case "link":
      return turn.replyText(w.t("link_already", { name: turn.person?.name ?? "" }));
    case "start":
      return turn.replyText(w.t("already_therapist"));
    case "invite":
      return invite(turn, therapistId, parsed.args);
    case "checkin":
      return withClient(turn, therapistId, parsed.args, "checkin ALIAS", (client) => checkin(turn, client));
    case "summary": {
      // "--all" as typed on a phone, too: "-all", or "all" after the alias ("summary alex all").
      const isAll = (a: string, i: number) => /^(?:--?all|all)$/iu.test(a) && (i > 0 || a.startsWith("-"));
      const all = parsed.args.some(isAll);
      const args = parsed.args.filter((a, i) => !isAll(a, i));
      return withClient(turn, therapistId, args, "summary ALIAS [--all]", (client) =>
        summary(turn, client, all),
      );
    }
    case "chart":
      return withClient(turn, therapistId, parsed.args, "chart ALIAS", (client) => chart(turn, client));
    case "clients": {
      // The caseload names every client: tagged with the therapist, withdrawn if one is erased.
      turn.concerning(therapistId);
      const entries = await turn.tx.caseload(therapistId);
      const alerts = await turn.tx.openRiskAlertsOf(therapistId);
      return turn.replyText(
        caseloadText(w, {
          entries,
          openAlerts: alerts,
          now: turn.now,
          timeZone: turn.deps.config.clinic.timeZone,
        }),
      );
    }
    case "age": {
      const { rest, age } = takeAge(["--age", ...parsed.args.slice(1)]);
      if (rest.length > 0 || age === undefined) return turn.replyText(w.t("usage", { usage: "age ALIAS N" }));
      return withClient(turn, therapistId, parsed.args.slice(0, 1), "age ALIAS N", (client) =>
        setAge(turn, client, age),
      );
    }
    case "discharge": {
      const flags = new Set(parsed.args.map((a) => a.toLowerCase()).filter((a) => a.startsWith("--")));
      const args = parsed.args.filter((a) => !a.startsWith("--"));
      return withClient(turn, therapistId, args, "discharge ALIAS [--erase]", async (client) => {
        if (!flags.has("--erase")) return discharge(turn, client);
        // Erasing cannot be undone: the therapist confirms, as a client does for forget.
        if (flags.has("--confirm")) return eraseClient(turn, client, "therapist");
        await turn.tx.setEraseRequested(client.personId, turn.now);
        return turn.reply({
          kind: "question",
          text: w.t("erase_confirm", { alias: client.alias }),
          choices: [
            { label: w.t("erase_confirm_button"), value: `discharge ${client.alias} --erase --confirm` },
          ],
        });
      });
    }
    case "seen":
      return acknowledgeRisk(turn, therapistId, parsed.args);
    case "summaries": {
      const style = parsed.args[0]?.toLowerCase();
      if (style !== "compact" && style !== "full") {
        return turn.replyText(w.t("usage", { usage: "summaries compact|full" }));
      }
      await turn.tx.setSummaryStyle(therapistId, style);
      const text = style === "compact" ? w.t("summaries_style_compact") : w.t("summaries_style_full");
      return turn.replyText(w.t("summaries_set", { style: text }));
    }
    case "contact":
      return withClient(turn, therapistId, parsed.args.slice(0, 1), "contact ALIAS TEXT", (client) =>
        contact(turn, client, parsed.args.length > 1),
      );
    case "schedule":
      return withClient(turn, therapistId, parsed.args.slice(0, 1), "schedule ALIAS ...", (client) =>
        activeOnly(turn, client, () => schedule(turn, client, parsed.args.slice(1))),
      );
    case "session":
      return withClient(turn, therapistId, parsed.args.slice(0, 1), "session ALIAS ...", (client) =>
        activeOnly(turn, client, () => session(turn, client, parsed.args.slice(1))),
      );
    case "timezone":
      return withClient(turn, therapistId, parsed.args.slice(0, 1), "timezone ALIAS ZONE", (client) =>
        timezone(turn, client, parsed.args.slice(1)),
      );
    case "pause":
      // As schedule and session: a client who has not joined, or declined, gets no check-ins to pause.
      return withClient(turn, therapistId, parsed.args.slice(0, 1), PAUSE_USAGE, (client) =>
        activeOnly(turn, client, () => pause(turn, client, parsed.args.slice(1))),
      );
    case "instruments":
      return withClient(turn, therapistId, parsed.args.slice(0, 1), "instruments ALIAS LIST", (client) =>
        instruments(turn, client, parsed.args.slice(1)),
      );
    case "language":
      return withClient(turn, therapistId, parsed.args.slice(0, 1), "language ALIAS CODE", (client) =>
        language(turn, client, parsed.args.slice(1)),
      );
    case "stop":
    case "mydata":
    case "forget": {
      // A client's word in the pack's language can be a command's too: "pausa" is `pause` for a therapist.
      const input = turn.event.input;
      const hint = input.kind === "text" ? commandHintOf(input.text) : undefined;
      if (hint?.translated)
        return turn.replyText(w.t("unknown_command_translated", { suggestion: hint.suggestion }));
      // A client's word: what it is for, and the therapist's own command for it.
      const alias = parsed.args[0] ?? "ALIAS";
      await concerningAlias(turn, therapistId, [alias]);
      const key = (
        {
          stop: "therapist_word_stop",
          mydata: "therapist_word_mydata",
          forget: "therapist_word_forget",
        } as const
      )[parsed.word];
      return turn.replyText(w.t(key, { alias }));
    }
    case undefined: {
      const input = turn.event.input;
      const note = input.kind === "text" ? wordNoteOf(input.text) : undefined;
      if (note) {
        await concerningAlias(turn, therapistId, [note.alias]);
        const key = note.kind === "export" ? "therapist_export_hint" : "unknown_command_discharge";
        return turn.replyText(w.t(key, { alias: note.alias }));
      }
      // The alert's button label typed ("I've seen this") is the button.
      if (input.kind === "text" && isSeenLabel(turn.deps.catalog, input.text))
        return acknowledgeRisk(turn, therapistId, []);
      const hint = input.kind === "text" ? commandHintOf(input.text) : undefined;
      const suggestion = hint?.suggestion;
      // "thanks" or "ok" after a reply is a nod, not a command gone wrong; with an alert open it
      // acknowledges nothing (too easy by accident), and the reply says how to.
      if (!suggestion && input.kind === "text" && (isThanks(input.text) || isAcknowledgement(input.text)))
        return nodReply(turn, therapistId);
      if (!suggestion) return turn.replyText(w.t("unknown_command"));
      await concerningAlias(turn, therapistId, suggestion.split(" ").slice(1));
      // A command typed in German or Spanish: the reply says commands are typed in English.
      return turn.replyText(
        w.t(hint?.translated ? "unknown_command_translated" : "unknown_command_hint", { suggestion }),
      );
    }
  }
}

/**
 * "ok" or "thanks": you're welcome, unless an alert of theirs is still open. With several open
 * (an on-call contact holding escalations), every one of them with its client and how to
 * acknowledge it, not the first alone.
 */
async function nodReply(turn: Turn, therapistId: number): Promise<void> {
  const alerts = await turn.tx.openRiskAlertsFor(therapistId);
  if (alerts.length > 1)
    return openAlertsReply(turn, alerts, turn.wording.t("seen_still_open_many", { count: alerts.length }));
  const [open] = alerts;
  const client = open ? await turn.tx.getClient(open.clientId) : undefined;
  if (!open || !client) return turn.replyText(turn.wording.t("therapist_thanks_reply"));
  return turn.replyAbout(
    turn.wording.t("seen_still_open", { id: open.id, alias: client.alias }),
    client.personId,
  );
}

/** A reply that repeats what was typed names a client: it goes with them if they are erased. */
async function concerningAlias(turn: Turn, therapistId: number, words: readonly string[]): Promise<void> {
  for (const word of words) {
    const alias = normaliseAlias(word);
    const client = alias ? await turn.tx.findClient(therapistId, alias) : undefined;
    if (client) {
      turn.concerning(client.personId);
      return;
    }
  }
}
