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

/** A setting or a prompts file that cannot be used; start-up stops and names it. */
export class ConfigError extends RapportError {
  constructor(
    message: string,
    readonly setting: string,
  ) {
    super(message, "config");
    this.name = "ConfigError";
  }
}
