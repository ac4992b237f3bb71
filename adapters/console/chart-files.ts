import { basename } from "node:path";
import { mayShowClient } from "../../src/charts/chart-names.js";
import type { OutboundChart } from "../../src/model.js";

/**
 * The console's chart files, by name only (no I/O), each prefixed by its outbox row so that a
 * second chart never overwrites a first. A client's chart is named by the day and the client's
 * person id, never by the alias: an alias is unique per therapist only (two therapists may each
 * have an "alex"), and it is often a first name, which `ls` would show
 * (`66-2026-12-04-client-12.png`). A caseload picture keeps its own name
 * (`68-caseload-2026-12-07.png`): it draws several clients.
 */
export function chartFileName(outboxId: number, chart: Pick<OutboundChart, "name" | "client">): string {
  const name = basename(chart.name);
  const day = /(\d{4}-\d{2}-\d{2})\.png$/u.exec(name)?.[1];
  // A chart queued before charts carried their client keeps the name it had (`66-sam-2026-12-04.png`).
  if (chart.client === undefined || !Number.isSafeInteger(chart.client)) return `${outboxId}-${name}`;
  return `${outboxId}-${day ? `${day}-` : ""}client-${chart.client}.png`;
}

/** Whom an erasure notice is about: the client's person id and alias (OutboundMessage.erasedClient, .erasedAlias). */
export interface ErasedClient {
  client?: number;
  alias?: string;
}

const OF_CLIENT = /^\d+-(?:\d{4}-\d{2}-\d{2}-)?client-(\d+)\.png$/u;

/**
 * Of the files in the charts folder, those to remove when the client is erased: their own charts
 * (by person id) and every caseload picture (chart-names.ts), which may draw them. A file named
 * by an alias (written before charts carried their client) may be any client's of that alias,
 * so it goes too. Other files, another client's charts among them, are left alone.
 */
export function chartFilesOf(files: readonly string[], erased: ErasedClient): string[] {
  return files.filter((file) => {
    const client = OF_CLIENT.exec(file)?.[1];
    if (client !== undefined) return erased.client !== undefined && Number(client) === erased.client;
    const name = /^\d+-(.+)$/u.exec(file)?.[1];
    return name !== undefined && mayShowClient(name, erased.alias ?? "");
  });
}
