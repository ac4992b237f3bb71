import type { Command } from "commander";
import { type ErasureCounts, eraseByClinic } from "../src/engine/commands/clinic-erase.js";
import { RapportError } from "../src/errors.js";
import { withExistingApp } from "./existing-app.js";

/**
 * `rapport client erase ALIAS [--therapist NAME] [--yes]`: the clinic's IT person erases a client
 * (GDPR Art. 17) without their therapist. Without --yes it only says what would be erased and
 * exits 1; with it, it erases and says what was erased and what remains, in words the clinic can
 * use in its reply to the client.
 */
export function addClientErase(client: Command): void {
  client
    .command("erase")
    .argument("<alias>", "the client's alias")
    .option("--therapist <name>", "the client's therapist, when several have a client of that alias")
    .option("--yes", "erase: without it, only what would be erased is shown")
    .description(
      "erase everything rapport holds about a client (as their forget does); the therapist and the client are told",
    )
    .action(async (alias: string, options: { therapist?: string; yes?: boolean }) => {
      const confirmed = options.yes === true;
      const counts = await withExistingApp(({ store, engine }) =>
        eraseByClinic(store, engine.deps, alias, { therapist: options.therapist, confirmed }),
      );
      if (!confirmed) {
        process.stdout.write(`${erasedLines(counts, false).join("\n")}\n`);
        throw new RapportError(
          `nothing was erased: erasing cannot be undone. To erase: rapport client erase ${counts.alias}${options.therapist ? ` --therapist "${options.therapist}"` : ""} --yes`,
          "erase_unconfirmed",
        );
      }
      process.stdout.write(`${[...erasedLines(counts, true), "", ...remainingLines(counts)].join("\n")}\n`);
    });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the erasure takes (or would take), as a list. */
function erasedLines(c: ErasureCounts, done: boolean): string[] {
  const what = [
    `${plural(c.checkins, "check-in")} with every answer${c.comments > 0 ? ` and ${plural(c.comments, "comment")}` : ""}, and the scores, summaries and warnings drawn from them`,
    ...(c.riskAlerts + c.riskEvents > 0
      ? [
          `${plural(c.riskAlerts, "urgent risk alert")} and ${plural(c.riskEvents, "risk disclosure")} (the words written), with the steps taken on them${c.openAlert ? " (an alert was still open: their therapist is told)" : ""}`,
        ]
      : []),
    `their consent record (${plural(c.consents, "entry", "entries")}), codes, schedule${c.schedule ? "" : " (none set)"}, breaks (${c.pauses}), language and check-in plan${c.emergencyContact ? ", the emergency details their therapist recorded" : ""}`,
    `their chat identities${c.channels.length > 0 ? ` (${c.channels.join(", ")})` : ""}: rapport no longer knows who they are on any platform`,
    "every message rapport sent them or about them (to their therapist: summaries, alerts, replies), sent or still waiting",
  ];
  const head = done
    ? `Erased ${c.alias} (a client of ${c.therapist}) on ${c.day}:`
    : `This would erase ${c.alias} (a client of ${c.therapist}), which cannot be undone:`;
  return [head, ...what.map((w) => `- ${w}`)];
}

/** What remains after the erasure, and what rapport cannot erase: for the clinic's reply to the client. */
function remainingLines(c: ErasureCounts): string[] {
  return [
    "What remains in rapport:",
    `- an audit line: a client was erased by the clinic on ${c.day} (no name, no content, no time of day)`,
    `- ${c.therapist}'s notice of the erasure (naming ${c.alias}) until rapport serve sends it, with a goodbye to the client's chat; then an outbox row without content or address, timed at the erasure`,
    "- for up to 24 hours, keyed hashes of the ids of messages rapport received (to ignore a repeat), with their times: no sender, no content",
    "What rapport cannot erase:",
    `- what it already delivered: messages in ${c.therapist}'s and the client's own chats on the platform (Telegram, Slack, Teams), kept by the platform`,
    "- backups of the database made before today, until the clinic's backup policy lets them expire; and CSV, FHIR or chart files exported earlier (rapport export)",
    "The therapist and the client are told in their chats when rapport serve next sends.",
  ];
}
