import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { consoleAsLogLines } from "../src/log.js";

describe("consoleAsLogLines", () => {
  it("turns a library's console output into JSON log lines that keep only its kind", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    const undo = consoleAsLogLines(pino({ level: "debug" }, sink));
    try {
      console.error(new TypeError("Error finding key for token: secret-claim"));
      console.warn("BadRequest: the client wrote something private");
      console.log({ activity: "private" });
    } finally {
      undo();
    }
    const entries = lines.map((l) => JSON.parse(l) as { console: string; kind: string; level: number });
    expect(entries.map((e) => [e.console, e.kind, e.level])).toEqual([
      ["error", "TypeError", 50],
      ["warn", "string", 40],
      ["log", "object", 20],
    ]);
    expect(lines.join("\n")).not.toMatch(/secret|private/);
  });
});
