/** Errors carry a stable code and, where there is one, the cause that was being handled. */
export class RapportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RapportError";
  }
}

/** One setting that cannot be used, and why. */
export interface ConfigProblem {
  readonly setting: string;
  readonly message: string;
}

/**
 * A setting or a prompts file that cannot be used; start-up stops and names it. A clinic config
 * with several mistakes names them all at once: `more` holds those after the first.
 */
export class ConfigError extends RapportError {
  /** Every problem, this one's first, each to be shown with its own setting. */
  readonly problems: readonly ConfigProblem[];

  constructor(
    message: string,
    readonly setting: string,
    more: readonly ConfigProblem[] = [],
  ) {
    super([message, ...more.map((p) => p.message)].join("\n"), "config");
    this.name = "ConfigError";
    this.problems = [{ setting, message }, ...more];
  }
}
