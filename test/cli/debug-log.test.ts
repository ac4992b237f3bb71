import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, jsonLines, runCli } from "../helpers/cli.js";

const ANSWERS = ["9", "8", "7", "10", "5", "6", "4", "5"];
const COMMENT = "my sister Zoltana visited";

/** Fields that hold ids, counts and times: numbers there are no score. */
const ID_FIELDS = new Set(["time", "outbox", "attempt", "event", "pid", "port", "level"]);

/**
 * LOG_LEVEL=debug through a whole check-in on the console: each event handled and each message
 * sent is a debug line with ids and outcomes, and nothing a client wrote or scored is in the log.
 */
describe("the debug log of a check-in", () => {
  it("has a line per event and per send, with ids and outcomes only", async () => {
    const env = freshEnv({ RAPPORT_DEMO: "1", LOG_LEVEL: "debug" });
    const linkCode = await addTherapist(env, "Dr Rivera");
    const lines = [`rivera: link ${linkCode}`, "rivera: invite alex"];
    const first = await runCli(["console", "--json", "--script", "-"], env, `${lines.join("\n")}\n`);
    const invite = jsonLines(first.stdout).find((m) => m.text.startsWith("Invite for alex"))?.text ?? "";
    const code = /^start (\S+)$/m.exec(invite)?.[1];
    const run = await runCli(
      ["console", "--json", "--script", "-"],
      env,
      `${[
        `alex: start ${code}`,
        "alex: yes",
        "rivera: checkin alex",
        ...ANSWERS.map((a) => `alex: ${a}`),
        "alex: no",
        `alex: ${COMMENT}`,
        "rivera: summary alex",
      ].join("\n")}\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Alliance 34/40");
    const log = [first.stderr, run.stderr]
      .join("\n")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

    const received = log.filter((l) => l.msg === "event received");
    expect(received).toHaveLength(lines.length + 14);
    expect(received[0]).toEqual(
      expect.objectContaining({ level: 20, channel: "console", kind: "text", outcome: "processed" }),
    );
    expect(received[0]?.event).toBeUndefined();
    const sends = log.filter((l) => l.msg === "message send");
    expect(sends.length).toBeGreaterThan(14);
    for (const send of sends) {
      expect(send).toEqual(
        expect.objectContaining({ level: 20, channel: "console", attempt: 1, outcome: "sent" }),
      );
      expect(typeof send.outbox).toBe("number");
    }

    // Nothing a client wrote or scored, in any line at any level.
    const text = [first.stderr, run.stderr].join("\n");
    expect(text).not.toContain("Zoltana");
    expect(text).not.toMatch(/34\/40|20\/40/);
    for (const line of log) {
      for (const [field, value] of Object.entries(line)) {
        if (ID_FIELDS.has(field)) continue;
        expect(field).not.toMatch(/score|total|answer|text|comment/i);
        expect([...ANSWERS, "34", "20"]).not.toContain(String(value));
      }
    }
  });
});
