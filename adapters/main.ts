#!/usr/bin/env node
import { createReadStream, existsSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { checkRiskSetup, closeAfterSending, openApp, VERSION } from "../src/app.js";
import { OffsetClock, systemClock } from "../src/clock.js";
import { loadSettings, settingsProblems } from "../src/config/settings.js";
import { WakeSignal } from "../src/delivery/wake-signal.js";
import { DeliveryWorker } from "../src/delivery/worker.js";
import { ConfigError, RapportError } from "../src/errors.js";
import { consoleAsLogLines, createLogger, warningsAsLogLines } from "../src/log.js";
import { wordingFor } from "../src/prompts/render.js";
import { maxTotal } from "../src/prompts/schema.js";
import { calibrate } from "../src/reports/calibrate.js";
import { parseDataKey } from "../src/store/field-crypto.js";
import { addClinicCommands } from "./clinic-commands.js";
import { chartsDirFor, consoleSender, runConsole } from "./console/console-channel.js";
import { withExistingApp } from "./existing-app.js";
import { addExportCommand } from "./export-command.js";
import { addInstrumentCommands } from "./instrument-command.js";
import { addMigrateCommand } from "./migrate-command.js";

/**
 * The composition root: the only place that builds adapters and hands them to the core.
 * src/ never imports from adapters/.
 */
try {
  warningsAsLogLines(createLogger());
  consoleAsLogLines(createLogger());
} catch (error) {
  // A bad LOG_LEVEL is found here, before any command runs: named with every other setting's
  // problem (loadSettings checks LOG_LEVEL too), not alone and the rest after a restart.
  exitWith(settingsProblems() ?? error);
}

const program = new Command("rapport")
  .description("Measurement-based therapy check-ins in the chat apps clients already use")
  .version(VERSION);

program
  .command("serve")
  .description(
    "HTTP server, every configured channel and the delivery worker (and the console, with no platform)",
  )
  .action(async () => {
    const settings = loadSettings();
    // Loaded here only: restify and the platform SDKs are not needed by the other commands.
    const { serve } = await import("./serve.js");
    await serve(settings, createLogger());
  });

program
  .command("console")
  .description('the console channel: each input line is "NAME: text"')
  .option("--json", "print each outgoing message as one JSON object per line")
  .option("--script <file>", "read lines from FILE (- for standard input), deliver what falls due, exit")
  .action(async (options: { json?: boolean; script?: string }) => {
    const settings = loadSettings();
    const log = createLogger();
    if (options.script && options.script !== "-" && !existsSync(options.script)) {
      throw new ConfigError(`--script: file ${options.script} does not exist`, "--script");
    }
    // A script's "@wait 31m" moves this clock forward; without one it is the real time.
    const clock = new OffsetClock();
    const wake = new WakeSignal();
    const { store, engine } = await openApp({
      settings,
      log,
      clock,
      onQueued: wake.notify,
      needsOnCall: true,
    });
    await checkRiskSetup(engine, settings, log).catch((error: unknown) => {
      store.close();
      throw error;
    });
    const worker = new DeliveryWorker(
      store,
      [consoleSender(process.stdout, options.json === true, chartsDirFor(settings.dbPath))],
      clock,
      log,
    );
    wake.connect((recipients) => worker.wake(recipients));
    const input =
      options.script && options.script !== "-" ? createReadStream(options.script, "utf8") : process.stdin;
    const bad = await runConsole(input, engine, worker, log, process.stderr, clock);
    await worker.stop();
    await closeAfterSending(store, log);
    // A script with lines that were not understood fails, so a mistyped step is not missed.
    if (bad > 0 && options.script) process.exitCode = 1;
  });

const therapist = program.command("therapist").description("manage therapists");
therapist
  .command("add")
  .argument("<name>", "the therapist's name as clients will see it")
  .description("register a therapist and print their one-time link code")
  .action(async (rawName: string) => {
    const name = rawName.trim();
    if (name.length === 0 || name.length > 100) {
      throw new ConfigError("NAME must be 1 to 100 characters", "NAME");
    }
    const settings = loadSettings();
    const log = createLogger();
    // A new database is created here; one of an earlier rapport is left to rapport migrate.
    const { store, engine } = await openApp({ settings, log, clock: systemClock, upgrade: false });
    const { code } = await engine.addTherapist(name);
    store.close();
    const days = settings.clinic.codes.expiryDays;
    // The code alone on the last line (DESIGN.md): scripts that register therapists read it there.
    process.stdout.write(
      `Added therapist "${name}". In their chat with rapport they type link and this one-time code, valid for ${days} days:\n`,
    );
    process.stdout.write(`${code}\n`);
  });

addClinicCommands(program, therapist);
addInstrumentCommands(program);
addMigrateCommand(program);

program
  .command("calibrate")
  .description("fit the expected trajectory on the clinic's own finished episodes")
  .option("--apply", 'store the fit; from then on messages say "clinic trajectory"')
  .action(async (options: { apply?: boolean }) => {
    await withExistingApp(async ({ store, catalog }, settings) => {
      const progress = wordingFor(catalog).instrument("progress");
      const current = await store.transaction(
        async (tx) => (await tx.currentFit()) ?? settings.clinic.trajectory,
      );
      const report = await calibrate(store, settings.clinic, current, maxTotal(progress));
      process.stdout.write(report.text);
      if (report.fit && options.apply) {
        const id = await store.saveFit({
          ...report.fit.params,
          episodes: report.fit.episodes,
          points: report.fit.points,
          fittedAt: systemClock.now().toISOString(),
        });
        process.stdout.write(`Applied as fit ${id}. Messages now say "clinic trajectory".\n`);
      } else if (report.fit) {
        process.stdout.write("Not applied. Run rapport calibrate --apply to use this fit.\n");
      }
      if (!report.fit) process.exitCode = 1;
    });
  });

program
  .command("teams-package")
  .description("write the Teams app package (manifest and icons) that a Microsoft 365 admin uploads")
  .requiredOption("--app-id <id>", "the bot's Microsoft App ID (a GUID)")
  .option("--out <file>", "where to write the zip", "rapport-teams.zip")
  .option("--developer <name>", "the clinic's name, shown in Teams as the app's developer", "rapport")
  .option("--website <url>", "the clinic's website (https)", "https://example.org")
  .option("--privacy <url>", "the privacy notice (https)", "https://example.org/privacy")
  .option("--terms <url>", "the terms of use (https)", "https://example.org/terms")
  .action(
    async (options: {
      appId: string;
      out: string;
      developer: string;
      website: string;
      privacy: string;
      terms: string;
    }) => {
      // Loaded here only: the package builder is not needed by the other commands.
      const { teamsPackage } = await import("./teams/app-package.js");
      const data = teamsPackage({ ...options, version: VERSION });
      writeFileSync(options.out, data);
      process.stdout.write(
        `Wrote ${options.out} (${data.length} bytes). Upload it in the Teams admin center, under Manage apps.\n`,
      );
      if (options.website.startsWith("https://example.org")) {
        process.stdout.write(
          "Note: set --developer, --website, --privacy and --terms to the clinic's own before publishing.\n",
        );
      }
    },
  );

addExportCommand(program);

program
  .command("rotate-key")
  .description("re-encrypt everything to the key in RAPPORT_DATA_KEY (from --old, or from no key)")
  .option("--old <key>", "the key used until now: base64, or the path of a file holding it")
  .action(async (options: { old?: string }) => {
    const settings = loadSettings();
    if (!settings.dataKey)
      throw new ConfigError("RAPPORT_DATA_KEY must hold the new key for rotate-key", "RAPPORT_DATA_KEY");
    const keys = [
      parseDataKey(settings.dataKey),
      ...(options.old ? [parseDataKey(options.old, "--old")] : []),
    ];
    // Opening re-seals (under the database's lock: refused while `serve` runs).
    const count = await withExistingApp(async ({ store }) => store.resealed, { settings, keys });
    // Backups made before the rotation are still sealed with the old key (README, "Backing up"):
    // destroying it early makes them unreadable, so the old key is to be kept, not thrown away.
    const after = options.old
      ? "Keep the old key, apart from the backups, until the last backup sealed with it has expired: those backups open only with the old key."
      : "Backups made before now are not sealed (they hold everything in the clear): keep them safe, and no longer than the clinic's policy allows.";
    process.stdout.write(
      count !== null
        ? `Re-encrypted ${count} ${count === 1 ? "value" : "values"} with key ${keys[0]?.id}. ${after}\n`
        : `Everything is already sealed with key ${keys[0]?.id}; nothing to do.\n`,
    );
  });

program.parseAsync(process.argv).catch(exitWith);

/** Ends the process for an error: a setting's (78, a line per problem) or rapport's own (1) in one line, anything else with its stack. */
function exitWith(error: unknown): never {
  if (error instanceof ConfigError) {
    // One line per problem, each naming its setting: a config with several mistakes shows them all.
    for (const p of error.problems) {
      process.stderr.write(`rapport: configuration error (${p.setting}): ${p.message}\n`);
    }
    process.exit(78);
  }
  if (error instanceof RapportError) {
    process.stderr.write(`rapport: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `rapport: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
}
