import { ConfigError, type ConfigProblem } from "../errors.js";

/**
 * Every problem start-up can find, gathered before it stops: a clinic's IT person with three
 * mistakes sees three lines at once, not one per restart. Each check runs on its own; one that
 * refuses leaves its value undefined, so a check that depends on it is skipped rather than
 * reporting a consequence of the same mistake.
 */
export class ProblemList {
  readonly #found: ConfigProblem[] = [];

  /** Runs one check: its value, or undefined when it refused (its problems kept, in order). */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.#found.push(...error.problems);
      return undefined;
    }
  }

  add(setting: string, message: string): void {
    this.#found.push({ setting, message });
  }

  /** Stops with one ConfigError carrying every problem found, the first found first; else nothing. */
  throwIfAny(): void {
    const [first, ...more] = this.#found;
    if (first) throw new ConfigError(first.message, first.setting, more);
  }
}
