import type { ServerResponse } from "node:http";

/** A failure a fake answers with (its HTTP status, body and headers), or a connection dropped unanswered. */
export type Fault = { status: number; body: unknown; headers?: Record<string, string> } | "reset";

/**
 * What a fake platform is told to do wrong, by method: faults queued for its next calls, and calls
 * held until the test releases them. Shared by the three fakes so that each fails the same ways
 * (the sender contract asks the same of every platform).
 */
export class Faults {
  private readonly queued = new Map<string, Fault[]>();
  private readonly holds = new Map<string, Promise<void>>();

  /** The next call of `method` (not yet taken by an earlier fault) fails so. */
  next(method: string, fault: Fault): void {
    const list = this.queued.get(method) ?? [];
    list.push(fault);
    this.queued.set(method, list);
  }

  /** The fault for this call of `method`, if one is queued. */
  take(method: string): Fault | undefined {
    return this.queued.get(method)?.shift();
  }

  /** Calls of `method` wait until the returned function is called. */
  hold(method: string): () => void {
    let release = () => {};
    this.holds.set(
      method,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return release;
  }

  /** Resolves once `method` is not held (at once if it never was). */
  async held(method: string): Promise<void> {
    await this.holds.get(method);
  }
}

/** Answers a call with its fault: the failure's status and body, or a dropped connection. */
export function answerFault(res: ServerResponse, fault: Fault): void {
  if (fault === "reset") {
    res.socket?.destroy();
    return;
  }
  res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
  res.end(JSON.stringify(fault.body));
}
