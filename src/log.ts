import pino, { type Logger } from "pino";

/**
 * Structured logs on standard error (standard output belongs to the console channel).
 * Log lines carry ids, counts and outcomes; never what a client wrote or scored.
 */
export function createLogger(level: string = process.env.LOG_LEVEL || "info"): Logger {
  return pino({ level, base: { app: "rapport" } }, pino.destination({ fd: 2, sync: true }));
}

export type { Logger };
