import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { type OffsetClock, parseDuration } from "../../src/clock.js";
import type { ChannelSender } from "../../src/delivery/channel-sender.js";
import type { DeliveryWorker } from "../../src/delivery/worker.js";
import type { Engine } from "../../src/engine/engine.js";
import type { Logger } from "../../src/log.js";
import type { Delivery, InboundEvent, OutboundChart } from "../../src/model.js";
import { chartFileName, chartFilesOf, type ErasedClient } from "./chart-files.js";
import { jsonLine, parseConsoleLine, textBlock } from "./console-line.js";

const CONSOLE_CHANNEL = "console";

/**
 * Prints messages for console identities to standard output. A chart is written as a PNG under
 * `chartsDir` (readable by its owner only: it is health data) and its path printed; the notice of
 * a client's erasure first removes the client's charts there.
 */
export function consoleSender(out: Writable, json: boolean, chartsDir?: string): ChannelSender {
  return {
    channel: CONSOLE_CHANNEL,
    send: async (delivery: Delivery) => {
      const { erasedAlias: alias, erasedClient: client } = delivery.message;
      if ((alias !== undefined || client !== undefined) && chartsDir)
        removeCharts(chartsDir, { alias, client });
      const chart = delivery.message.chart;
      const chartPath = chart && chartsDir ? writeChart(chartsDir, delivery.outboxId, chart) : undefined;
      out.write(json ? `${jsonLine(delivery, chartPath)}\n` : textBlock(delivery, chartPath));
    },
  };
}

/** Where the console writes charts: a folder beside the database. */
export const chartsDirFor = (dbPath: string): string => join(dirname(dbPath), "charts");

/** The chart's file: named by the outbox row, so that a second chart never overwrites a first (chart-files.ts). */
function writeChart(dir: string, outboxId: number, chart: OutboundChart): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, chartFileName(outboxId, chart));
  writeFileSync(path, Buffer.from(chart.png, "base64"), { mode: 0o600 });
  return path;
}

/**
 * An erased client's charts, and every caseload picture (which may draw them), removed from the
 * folder; no folder, nothing to remove. Another failure fails the notice's send, which is retried.
 */
function removeCharts(dir: string, erased: ErasedClient): void {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const file of chartFilesOf(files, erased)) rmSync(join(dir, file), { force: true });
}

/** A typed console line as the neutral event; typing a choice's value is the same as pressing it. */
function consoleEvent(name: string, text: string): InboundEvent {
  return {
    channel: CONSOLE_CHANNEL,
    id: randomUUID(),
    sender: { id: name, name },
    address: { name },
    direct: true,
    input: { kind: "text", text },
  };
}

/**
 * Reads "NAME: text" lines and hands each to the engine, then delivers everything that became
 * due before the next line is read, so a script's output follows its input.
 */
/** How far `@wait` moves the clock between two runs of the timed steps. */
const WAIT_STEP_MS = 5 * 60_000;

export async function runConsole(
  input: Readable,
  engine: Engine,
  worker: DeliveryWorker,
  log: Logger,
  errors: Writable,
  clock?: OffsetClock,
): Promise<number> {
  const settle = async () => {
    await engine.runDue();
    await worker.drain();
  };
  await settle();
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  let lineNo = 0;
  // Lines that were not understood: a script with any fails (exit 1), after running the rest.
  let bad = 0;
  for await (const raw of lines) {
    lineNo++;
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) continue;
    if (raw.trimStart().startsWith("@wait")) {
      // Moves the console's clock forward, so steps due later happen now (scripts only).
      const ms = parseDuration(raw.trim().slice("@wait".length));
      if (ms === undefined || !clock) {
        errors.write(`line ${lineNo}: expected "@wait DURATION", for example "@wait 31m" or "@wait 4h5m"\n`);
        bad++;
        continue;
      }
      // In steps, each running what fell due in it, as the server's timer would: one jump would
      // run a reminder due at 20:03 only at the end, judged by the later hour (past its expiry,
      // or in the quiet hours), and a week's steps all at once out of order.
      for (let left = ms; left > 0; left -= WAIT_STEP_MS) {
        clock.advance(Math.min(WAIT_STEP_MS, left));
        await settle();
      }
      continue;
    }
    const parsed = parseConsoleLine(raw);
    if (!parsed) {
      errors.write(`line ${lineNo}: expected "NAME: text", for example "alex: 7"\n`);
      bad++;
      continue;
    }
    try {
      await engine.handle(consoleEvent(parsed.name, parsed.text));
    } catch (error) {
      log.error({ err: error, line: lineNo }, "console line could not be handled");
      errors.write(`line ${lineNo}: could not be handled (see log)\n`);
      bad++;
    }
    await settle();
  }
  return bad;
}
