/**
 * Runs async work one piece at a time. SQLite transactions on one connection must not
 * interleave, and a transaction's body awaits between its statements.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
