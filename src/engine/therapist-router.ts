import { cutoffFor, MAX_AGE, MIN_AGE } from "../clinical/cutoffs.js";
import type { Client } from "../store/types.js";
import { normaliseAlias, type ParsedWord } from "./chat-words.js";
import { trajectoryModel } from "./checkin/clinical-context.js";
import { sendCheckin } from "./checkin/flow.js";
import { progressOf } from "./checkin/plan.js";
import { answerTherapistErase } from "./commands/confirmations.js";
import { issueCode } from "./commands/issue-code.js";
import { eraseClient } from "./commands/privacy.js";
import { pause, schedule, session, timezone } from "./commands/schedule.js";
import { formatDay } from "./format.js";
import { acknowledgeRisk } from "./risk/alerts.js";
import { riskSection } from "./risk/text.js";
import type { Turn } from "./turn-context.js";
import { caseloadText } from "./views/caseload.js";
import { clientStatusText, historyText } from "./views/history.js";
import { preSessionText } from "./views/pre-session.js";

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
      const all = parsed.args.some((a) => a.toLowerCase() === "--all");
      const args = parsed.args.filter((a) => a.toLowerCase() !== "--all");
      return withClient(turn, therapistId, args, "summary ALIAS [--all]", (client) =>
        summary(turn, client, all),
      );
    }
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
      return acknowledgeRisk(turn, therapistId, parsed.args[0]);
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
      return withClient(turn, therapistId, parsed.args.slice(0, 1), "pause ALIAS FROM..TO", (client) =>
        pause(turn, client, parsed.args.slice(1)),
      );
    case "stop":
    case "mydata":
    case "forget":
      return turn.replyText(w.t("not_available_yet"));
    case undefined:
      return turn.replyText(w.t("unknown_command"));
  }
}

/** Finds the therapist's own client by alias; another therapist's client is "no such client". */
async function withClient(
  turn: Turn,
  therapistId: number,
  args: readonly string[],
  usage: string,
  then: (client: Client) => Promise<void>,
): Promise<void> {
  const w = turn.wording;
  const [rawAlias] = args;
  if (!rawAlias) return turn.replyText(w.t("usage", { usage }));
  const alias = args.length === 1 ? normaliseAlias(rawAlias) : undefined;
  const client = alias ? await turn.tx.findClient(therapistId, alias) : undefined;
  if (!client) return turn.replyText(w.t("no_such_client", { alias: alias ?? rawAlias.slice(0, 32) }));
  turn.concerning(client.personId);
  return then(client);
}

/** Takes "--age N" out of the arguments; age is "invalid" when N is not an age rapport accepts. */
function takeAge(args: readonly string[]): { rest: string[]; age?: number | "invalid" } {
  const at = args.findIndex((a) => a.toLowerCase() === "--age");
  if (at < 0) return { rest: [...args] };
  const raw = args[at + 1] ?? "";
  const age = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  const rest = args.filter((_, i) => i !== at && i !== at + 1);
  return { rest, age: age >= MIN_AGE && age <= MAX_AGE ? age : "invalid" };
}

/** Schedules only make sense for a client who has joined and agreed. */
async function activeOnly(turn: Turn, client: Client, then: () => Promise<void>): Promise<void> {
  if (client.status === "active") return then();
  const w = turn.wording;
  return turn.replyText(
    w.t("client_not_active", { alias: client.alias, status: clientStatusText(w, client.status) }),
  );
}

async function setAge(turn: Turn, client: Client, age: number | "invalid"): Promise<void> {
  const w = turn.wording;
  if (age === "invalid") return turn.replyText(w.t("age_invalid", { min: MIN_AGE, max: MAX_AGE }));
  await turn.tx.setClientAge(client.personId, age);
  const { cutoff } = cutoffFor(age, turn.deps.config.thresholds.cutoffs);
  await turn.replyText(w.t("age_ok", { alias: client.alias, age, cutoff }));
}

async function discharge(turn: Turn, client: Client): Promise<void> {
  const w = turn.wording;
  const open = await turn.tx.openCheckin(client.personId);
  const ended = await turn.tx.endEpisode(client.personId, turn.now);
  if (!ended) return turn.replyText(w.t("discharge_none", { alias: client.alias }));
  // A check-in the client was in the middle of is closed with the episode: they are told.
  if (open) {
    const cw = await turn.wordingOf(client.personId);
    await turn.send(client.personId, {
      kind: "info",
      text: cw.t("checkin_closed_by_discharge", { therapist: turn.person?.name ?? "" }),
    });
  }
  await turn.replyText(
    w.t("discharge_ok", { alias: client.alias, checkins: w.completedCheckins(ended.completed) }),
  );
}

async function invite(turn: Turn, therapistId: number, allArgs: readonly string[]): Promise<void> {
  const w = turn.wording;
  const { rest: args, age } = takeAge(allArgs);
  if (age === "invalid") return turn.replyText(w.t("age_invalid", { min: MIN_AGE, max: MAX_AGE }));
  const [rawAlias] = args;
  if (!rawAlias) return turn.replyText(w.t("usage", { usage: "invite ALIAS" }));
  // "invite Alex Smith" is refused rather than silently enrolling "alex".
  const alias = args.length === 1 ? normaliseAlias(rawAlias) : undefined;
  if (!alias) return turn.replyText(w.t("alias_invalid"));
  let client = await turn.tx.findClient(therapistId, alias);
  if (client && (client.status === "active" || client.status === "joining")) {
    return turn.replyText(w.t("invite_exists", { alias, status: clientStatusText(w, client.status) }));
  }
  // A client who never joined, or declined, gets a fresh code; the old one stops working, and
  // the therapist is told so (a code sent earlier must not be tried in vain).
  const replaced = client !== undefined;
  if (client) await turn.tx.revokeCodes(client.personId, "invite");
  client ??= await turn.tx.createClient(therapistId, alias, turn.now);
  turn.concerning(client.personId);
  if (age !== undefined) await turn.tx.setClientAge(client.personId, age);
  const code = await issueCode(turn.tx, turn.deps, "invite", client.personId, turn.now);
  const days = turn.deps.config.codes.expiryDays;
  const lines = [w.t("invite_ok", { alias, code, days })];
  for (const url of turn.deps.inviteLinks?.(code) ?? []) lines.push(w.t("invite_link", { url }));
  if (replaced) lines.push(w.t("invite_replaced", { alias }));
  await turn.replyText(lines.join("\n"));
}

async function checkin(turn: Turn, client: Client): Promise<void> {
  const w = turn.wording;
  if (client.status !== "active") {
    return turn.replyText(
      w.t("client_not_active", { alias: client.alias, status: clientStatusText(w, client.status) }),
    );
  }
  // A client who typed stop gets no check-in of any kind, from the schedule or by hand.
  if (client.pausedAt) {
    const zone = turn.deps.config.clinic.timeZone;
    const date = formatDay(client.pausedAt, w.pack.language, zone);
    return turn.replyText(w.t("checkin_paused", { alias: client.alias, date }));
  }
  const reachable = (await turn.tx.identitiesOf(client.personId)).some((i) => !i.unreachableAt);
  if (!reachable) return turn.replyText(w.t("client_not_reachable", { alias: client.alias }));
  const open = await turn.tx.openCheckin(client.personId);
  if (open) {
    return turn.replyText(w.t("checkin_already_open", { alias: client.alias, where: progressOf(w, open) }));
  }
  const sent = await sendCheckin(turn, client);
  await turn.replyText(
    sent ? w.t("checkin_sent", { alias: client.alias }) : w.t("reconsent_needed", { alias: client.alias }),
  );
}

/** `summary ALIAS`: the state before a session; `summary ALIAS --all`: every check-in and every risk event. */
async function summary(turn: Turn, client: Client, all: boolean): Promise<void> {
  const { tx } = turn;
  const history = await tx.completedCheckins(client.personId);
  const open = await tx.openCheckin(client.personId);
  const zone = turn.deps.config.clinic.timeZone;
  const events = await tx.riskEvents(client.personId);
  const alert = await tx.openRiskAlert(client.personId);
  if (all) {
    const risk = riskSection(turn.wording, events, alert, zone, Number.POSITIVE_INFINITY);
    const all = [historyText(turn.wording, client.alias, history, open, zone), ...risk].join("\n");
    return turn.replyAbout(all, client.personId);
  }
  const episodes = await tx.episodesOf(client.personId);
  const current = episodes.at(-1);
  const text = preSessionText(turn.wording, {
    alias: client.alias,
    checkins: history,
    episodes,
    open,
    states: current ? await tx.ruleStates(current.id) : new Map(),
    risk: riskSection(turn.wording, events, alert, zone, 4, client.alias),
    model: await trajectoryModel(tx, turn.deps.config),
    allianceItemBelow: turn.deps.config.thresholds.allianceItem,
    timeZone: zone,
  });
  await turn.replyAbout(text, client.personId);
}

/**
 * `contact ALIAS TEXT` stores the client's emergency details (sealed, erased with the client),
 * which go to the on-call contact with an escalated alert; `contact ALIAS` shows them.
 */
async function contact(turn: Turn, client: Client, hasText: boolean): Promise<void> {
  const w = turn.wording;
  if (!hasText) {
    const text = await turn.tx.emergencyContact(client.personId);
    return turn.replyAbout(
      text
        ? w.t("contact_shown", { alias: client.alias, text })
        : w.t("contact_missing", { alias: client.alias }),
      client.personId,
    );
  }
  const input = turn.event.input;
  const raw = input.kind === "text" ? input.text : input.value;
  // The text as typed, after the word and the alias: spacing and punctuation kept.
  const text = raw
    .trim()
    .replace(/^\/?\S+\s+\S+\s+/u, "")
    .slice(0, 500);
  await turn.tx.setEmergencyContact(client.personId, text);
  await turn.replyText(w.t("contact_set", { alias: client.alias }));
}
