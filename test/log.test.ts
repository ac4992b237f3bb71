import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { consoleAsLogLines, createLogger, logLevel, onceEachWarning } from "../src/log.js";

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

describe("Node's warnings as log lines", () => {
  it("logs a warning given twice (DEP0111, from restify's spdy at every start) once, and another one too", () => {
    const lines: string[] = [];
    const handle = onceEachWarning(pino({ level: "debug" }, { write: (l: string) => void lines.push(l) }));
    const dep = () =>
      Object.assign(new Error("Access to process.binding('http_parser') is deprecated."), {
        name: "DeprecationWarning",
        code: "DEP0111",
      });
    handle(dep());
    handle(dep());
    handle(Object.assign(new Error("something else"), { name: "Warning" }));
    expect(lines.map((l) => (JSON.parse(l) as { code?: string; msg: string }).msg)).toEqual([
      "Access to process.binding('http_parser') is deprecated.",
      "something else",
    ]);
  });
});

describe("LOG_LEVEL", () => {
  it("takes pino's levels and silent, info when unset", () => {
    for (const level of ["trace", "debug", "info", "warn", "error", "fatal", "silent"]) {
      expect(logLevel(level)).toBe(level);
    }
    expect(logLevel("")).toBe("info");
    expect(createLogger("warn").level).toBe("warn");
  });

  it("refuses any other level as a configuration error naming LOG_LEVEL, the value and the levels", () => {
    for (const level of ["warning", "verbose", "INFO"]) {
      let error: unknown;
      try {
        createLogger(level);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).setting).toBe("LOG_LEVEL");
      expect((error as ConfigError).message).toBe(
        `LOG_LEVEL must be one of trace, debug, info, warn, error, fatal or silent (got "${level}")`,
      );
    }
  });
});
