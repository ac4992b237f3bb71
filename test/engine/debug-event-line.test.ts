import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { actionToEvent } from "../../adapters/slack/slack-inbound.js";
import { ManualClock } from "../../src/clock.js";
import { Engine } from "../../src/engine/engine.js";
import { SqliteStore } from "../../src/store/sqlite/store.js";
import { testDeps } from "../helpers/conversation.js";

/**
 * The store keeps only a keyed hash of an inbound event's id, because a Slack press's id carries
 * the presser's user id (src/store/sqlite/privacy.ts): the debug line of an event must not write it.
 */
describe("the debug line of an event does not carry the sender's platform id", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("logs a Slack press without the presser's user id", async () => {
    dir = mkdtempSync(join(tmpdir(), "rapport-debug-id-"));
    const store = SqliteStore.open(join(dir, "r.db"));
    const lines: string[] = [];
    const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
    const engine = new Engine(store, { ...testDeps(new ManualClock(new Date("2026-11-26T10:00:00Z"))), log });
    const event = actionToEvent({
      user: { id: "U0CLIENT42" },
      container: { channel_id: "D0DM", message_ts: "1700000000.000100" },
      actions: [{ action_id: "answer", value: "7", action_ts: "1700000001.000200" }],
    });
    if (!event) throw new Error("no event");
    await engine.handle(event);
    store.close();
    expect(lines.join("\n")).toContain("event received");
    expect(lines.join("\n")).not.toContain("U0CLIENT42");
  });
});
