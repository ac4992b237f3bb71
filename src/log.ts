import pino, { type Logger } from "pino";
import { ConfigError } from "./errors.js";

/** The levels pino knows; any other LOG_LEVEL ("warning", "verbose") is a configuration error. */
const LOG_LEVELS = [...Object.keys(pino.levels.values), "silent"] as const;

/** LOG_LEVEL, or info when unset; a level pino does not know stops start-up naming the setting. */
export function logLevel(raw: string | undefined = process.env.LOG_LEVEL): string {
  if (raw === undefined || raw === "") return "info";
  if (LOG_LEVELS.includes(raw)) return raw;
  const allowed = `${LOG_LEVELS.slice(0, -1).join(", ")} or ${LOG_LEVELS.at(-1)}`;
  throw new ConfigError(`LOG_LEVEL must be one of ${allowed} (got "${raw}")`, "LOG_LEVEL");
}

/**
 * Structured logs on standard error (standard output belongs to the console channel).
 * Log lines carry ids, counts and outcomes; never what a client wrote or scored.
 */
export function createLogger(level?: string): Logger {
  return pino({ level: logLevel(level), base: { app: "rapport" } }, pino.destination({ fd: 2, sync: true }));
}

/**
 * Node's own warnings as JSON log lines, so standard error stays one JSON object per line for log
 * collectors; none is hidden, but each is logged once. restify's HTTP/2 dependency (spdy, through
 * http-deceiver) calls process.binding('http_parser') twice as it loads, and Node warns at each
 * call: DEP0111 came twice at every start, the same line.
 */
export function warningsAsLogLines(log: Logger): void {
  process.removeAllListeners("warning");
  process.on("warning", onceEachWarning(log));
}

/** The handler warningsAsLogLines installs: one log line for each warning code and text. */
export function onceEachWarning(log: Logger): (warning: Error) => void {
  const seen = new Set<string>();
  return (warning) => {
    const code = (warning as { code?: string }).code;
    const key = `${warning.name} ${code ?? ""} ${warning.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    log.warn({ warning: warning.name, code }, warning.message);
  };
}

/**
 * What libraries write with console.error, warn, log, info and debug (botbuilder's token checks
 * print errors and stacks there) as JSON log lines, so standard error stays JSON. Only the kind of
 * what was written is kept: a library's console text can quote a request. rapport itself writes to
 * the console nowhere (the console channel writes to process.stdout). Returns an undo, for tests.
 */
export function consoleAsLogLines(log: Logger): () => void {
  const methods = ["error", "warn", "log", "info", "debug"] as const;
  const saved = methods.map((m) => [m, console[m]] as const);
  for (const method of methods) {
    console[method] = (first?: unknown) => {
      const kind = first instanceof Error ? first.name : typeof first;
      const level = method === "error" ? "error" : method === "warn" ? "warn" : "debug";
      log[level]({ console: method, kind }, "a library wrote to the console (content not logged)");
    };
  }
  return () => {
    for (const [method, original] of saved) console[method] = original;
  };
}

export type { Logger };
