import pino, { type Logger } from "pino";

/**
 * Structured logs on standard error (standard output belongs to the console channel).
 * Log lines carry ids, counts and outcomes; never what a client wrote or scored.
 */
export function createLogger(level: string = process.env.LOG_LEVEL || "info"): Logger {
  return pino({ level, base: { app: "rapport" } }, pino.destination({ fd: 2, sync: true }));
}

/**
 * Node's own warnings (restify's dependencies print DEP0111 at every start) as JSON log lines, so
 * standard error stays one JSON object per line for log collectors; none is hidden.
 */
export function warningsAsLogLines(log: Logger): void {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    log.warn({ warning: warning.name, code: (warning as { code?: string }).code }, warning.message);
  });
}

export type { Logger };
