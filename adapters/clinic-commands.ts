import type { Command } from "commander";
import { databaseLabel } from "../src/config/database.js";
import type { Settings } from "../src/config/settings.js";
import { ClinicAdmin } from "../src/engine/commands/clinic-admin.js";
import { RapportError } from "../src/errors.js";
import { addClientErase } from "./client-erase-command.js";
import { withExistingApp } from "./existing-app.js";

/**
 * The clinic's IT person's commands beside `therapist add`: therapists listed, given a new link
 * code, removed; clients moved between therapists or erased; counts of the whole service.
 */
export function addClinicCommands(program: Command, therapist: Command): void {
  therapist
    .command("list")
    .description("every therapist: whether they linked a chat, and how many clients they have")
    .action(async () => {
      await withAdmin(async (admin) => {
        const all = await admin.therapists();
        if (all.length === 0) process.stdout.write("No therapists yet: rapport therapist add NAME\n");
        for (const t of all) {
          const linked = t.linked ? "linked" : "not linked yet";
          process.stdout.write(`${t.name}: ${linked}, ${t.clients} client${t.clients === 1 ? "" : "s"}\n`);
        }
      });
    });
  therapist
    .command("code")
    .argument("<name>", "the therapist's name")
    .description("a new one-time link code (a lost code, a new phone); the earlier one stops working")
    .action(async (name: string) => {
      await withAdmin(async (admin, settings) => {
        const { code } = await admin.newLinkCode(name);
        const days = settings.clinic.codes.expiryDays;
        // The code alone on the last line, as `therapist add` prints it.
        process.stdout.write(
          `New link code for "${name}", valid for ${days} days (the earlier one no longer works). In their chat with rapport they type link and this code:\n`,
        );
        process.stdout.write(`${code}\n`);
      });
    });
  therapist
    .command("remove")
    .argument("<name>", "the therapist's name")
    .option(
      "--without-config",
      "the clinic has no config file (RAPPORT_CONFIG unset for rapport serve too), so no on-call contact to check",
    )
    .description(
      "remove a therapist who has no clients left (move them first: rapport client move) and is not the on-call contact (risk.onCall)",
    )
    .action(async (name: string, options: { withoutConfig?: boolean }) => {
      await withAdmin(async (admin, settings) => {
        // Without the clinic's config file there is no risk.onCall to check against. A shell that
        // merely lacks the variable would remove the on-call therapist and stop the next serve, so
        // the removal waits for the file, or for the operator's word that the clinic has none.
        if (!settings.configPath && !options.withoutConfig) throw onCallUnchecked(name);
        await admin.removeTherapist(name);
        process.stdout.write(`Removed therapist "${name}".\n`);
      });
    });

  const client = program.command("client").description("manage clients");
  client
    .command("move")
    .argument("<alias>", "the client's alias")
    .requiredOption("--to <name>", "the therapist who takes the client on")
    .option("--from <name>", "the current therapist, when several have a client of that alias")
    .description("move a client to another therapist; both therapists are told")
    .action(async (alias: string, options: { to: string; from?: string }) => {
      await withAdmin(async (admin) => {
        const moved = await admin.moveClient(alias, options.to, options.from);
        process.stdout.write(`Moved ${moved.alias} to ${options.to}.\n`);
      }, true);
    });
  addClientErase(client);

  program
    .command("status")
    .description(
      "counts for the clinic's IT person: therapists, clients, open check-ins and alerts, messages",
    )
    .action(async () => {
      await withAdmin(async (admin, settings) => {
        const s = await admin.status();
        const c = s.clients;
        const onCall = onCallLine(settings, await admin.onCallStatus());
        process.stdout.write(
          [
            `Database: ${databaseLabel(settings)}`,
            `Therapists: ${s.therapists}`,
            `Clients: ${c.active} active, ${c.paused} paused, ${c.joining} invited or joining, ${c.discharged} discharged or declined`,
            `Open check-ins: ${s.openCheckins}`,
            `Urgent alerts not acknowledged: ${s.openAlerts}`,
            `Messages queued: ${s.queued}; failed: ${s.failed}`,
            onCall,
            "",
          ].join("\n"),
        );
      });
    });

  /**
   * Runs one clinic management step on the database. `queued`: the step queued messages for
   * therapists (a moved client's), which the running server sends.
   */
  async function withAdmin(
    step: (admin: ClinicAdmin, settings: Settings) => Promise<void>,
    queued = false,
  ): Promise<void> {
    await withExistingApp(({ store, engine }, settings) =>
      step(new ClinicAdmin(store, engine.deps), settings),
    );
    if (queued) process.stdout.write("They are told in their chats when rapport serve next sends.\n");
  }
}

/**
 * The on-call contact in `status`: an IT person checking the clinic sees a risk.onCall that names
 * nobody registered before the next start stops on it, and before an alert finds no one.
 */
function onCallLine(settings: Settings, status: "none" | "registered" | "unknown"): string {
  const name = settings.clinic.risk.onCall;
  if (!settings.configPath) return "On-call contact (risk.onCall): not checked, RAPPORT_CONFIG is not set";
  if (status === "none") {
    return "On-call contact (risk.onCall): none; unacknowledged urgent alerts are repeated to the treating therapist";
  }
  if (status === "registered") return `On-call contact (risk.onCall): ${name}`;
  return `On-call contact (risk.onCall): "${name}" is NOT a registered therapist: unacknowledged urgent alerts reach no on-call contact, and rapport serve will not start; add them (rapport therapist add) or correct risk.onCall`;
}

/** Why `therapist remove` refuses when it cannot read risk.onCall (RAPPORT_CONFIG not set). */
function onCallUnchecked(name: string): RapportError {
  return new RapportError(
    `cannot check whether "${name}" is the clinic's on-call contact (risk.onCall): RAPPORT_CONFIG is not set, so the clinic's config file was not read. Nothing was changed. Removing the on-call contact would leave urgent alerts nobody acknowledges with no one to escalate to, and rapport serve would not start with that file. Run it with RAPPORT_CONFIG set as for rapport serve; if the clinic has no config file, add --without-config: rapport therapist remove "${name}" --without-config`,
    "on_call_unchecked",
  );
}
