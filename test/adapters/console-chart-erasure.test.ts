import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { consoleSender } from "../../adapters/console/console-channel.js";
import type { Delivery, OutboundMessage } from "../../src/model.js";

const PNG = readFileSync(new URL("../fixtures/small.png", import.meta.url)).toString("base64");

/** A console delivery to a therapist, as the outbox hands it over. */
const to = (therapist: string, outboxId: number, message: OutboundMessage): Delivery => ({
  outboxId,
  channel: "console",
  externalId: therapist,
  address: { name: therapist },
  message,
});

/** `chart alex`: the picture of the client with that person id. */
const chartOf = (client: number): OutboundMessage => ({
  kind: "info",
  text: "alex: progress and alliance (check-ins: 1).",
  chart: { png: PNG, alt: "Chart of alex", name: "alex-2026-12-06.png", client },
});

/** The therapist's notice of the erasure of the client with that person id. */
const erasureOf = (client: number): OutboundMessage => ({
  kind: "info",
  text: "alex's data has been erased. Nothing about them is kept.",
  erasedAlias: "alex",
  erasedClient: client,
});

describe("the console's charts at an erasure", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("two therapists each with an alex: erasing Dr Rivera's keeps Dr Chen's alex's chart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-charts-"));
    dirs.push(dir);
    const charts = join(dir, "charts");
    const sender = consoleSender(new PassThrough(), true, charts);
    // Dr Rivera's alex is person 3, Dr Chen's alex person 5.
    await sender.send(to("rivera", 39, chartOf(3)));
    await sender.send(to("chen", 40, chartOf(5)));
    await sender.send(to("rivera", 41, chartOf(3)));
    expect(readdirSync(charts)).toHaveLength(3);

    await sender.send(to("rivera", 42, erasureOf(3)));
    const kept = readdirSync(charts);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^40-/u);
    expect(kept[0]).not.toContain("alex");
  });

  it("an erasure with no charts folder creates none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-charts-"));
    dirs.push(dir);
    await consoleSender(new PassThrough(), true, join(dir, "charts")).send(to("rivera", 1, erasureOf(3)));
    expect(existsSync(join(dir, "charts"))).toBe(false);
  });
});
