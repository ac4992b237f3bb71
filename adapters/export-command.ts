import type { Command } from "commander";
import { systemClock } from "../src/clock.js";
import type { Settings } from "../src/config/settings.js";
import { ClinicAdmin } from "../src/engine/commands/clinic-admin.js";
import { ConfigError } from "../src/errors.js";
import { exportedLine, inQuestionOrder, toCsv } from "../src/reports/export.js";
import { toFhir } from "../src/reports/fhir-export.js";
import { withExistingApp } from "./existing-app.js";
import { writePrivate } from "./private-file.js";

/** `rapport export`: every completed check-in as CSV or FHIR, or one client's chart as a PNG. */
export function addExportCommand(program: Command): void {
  program
    .command("export")
    .description(
      "every completed check-in, under pseudonyms, as CSV (one row per answer) or a FHIR R4 Bundle; or one client's chart as a PNG",
    )
    .requiredOption("--format <format>", "csv, fhir or png")
    .option("--out <file>", "where to write (default: standard output; for png, ALIAS-chart.png here)")
    .option("--client <alias>", "png: the client whose chart to draw")
    .option("--therapist <name>", "png: their therapist, when several have a client of that alias")
    .action(async (options: { format: string; out?: string; client?: string; therapist?: string }) => {
      const format = options.format.toLowerCase();
      if (format === "png") return exportChart(options);
      if (format !== "csv" && format !== "fhir") {
        throw new ConfigError(`--format must be csv, fhir or png (got "${options.format}")`, "--format");
      }
      const { text, rows } = await withExistingApp(async ({ store, catalog }, settings) => {
        const rows = inQuestionOrder(await store.exportAnswers(), catalog);
        // Pseudonyms are stable for one database and key, and lead back to no one outside it.
        const pseudonym = (clientId: number) => store.pseudonym(clientId);
        const text =
          format === "csv"
            ? toCsv(rows, pseudonym)
            : `${JSON.stringify(toFhir(rows, catalog, pseudonym, fhirOptions(settings)), null, 2)}\n`;
        return { text, rows };
      });
      if (!options.out) return void process.stdout.write(text);
      writePrivate(options.out, text);
      // Silent, a file written looked like nothing done: where, and how much, as the chart says.
      process.stdout.write(`${exportedLine(format, rows.length, options.out)}\n`);
    });
}

/** The clinic's base URL and its check-in's instruments (with the safety question when it is on). */
function fhirOptions(settings: Settings) {
  const { checkin, risk, fhir } = settings.clinic;
  const instruments = [...checkin.instruments, ...(risk.safetyQuestion ? ["safety"] : [])];
  return { baseUrl: fhir.baseUrl, now: systemClock.now().toISOString(), instruments };
}

/** `export --format png --client ALIAS`: the chart its therapist would get, and its words. */
async function exportChart(options: { out?: string; client?: string; therapist?: string }): Promise<void> {
  if (!options.client) throw new ConfigError("--format png needs --client ALIAS", "--client");
  const client = options.client;
  const chart = await withExistingApp(({ store, engine }) =>
    new ClinicAdmin(store, engine.deps).chart(client, options.therapist),
  );
  const out = options.out ?? `${client}-chart.png`;
  writePrivate(out, chart.png);
  process.stdout.write(`Wrote ${out} (${chart.width} × ${chart.height}).\n${chart.alt}\n`);
}
