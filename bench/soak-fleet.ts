import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { startServe } from "./telegram-load.js";

/**
 * The soak's `rapport serve` instances: `size` of them on one database, each on a port of its
 * own, killed and restarted one at a time. Each lifetime of an instance (from its spawn to its
 * death) calls the fake Bot API at a root of its own (`${apiRoot}/l<id>`), so every recorded call
 * names the lifetime that made it, whatever the timing.
 */
export interface Lifetime {
  id: number;
  /** Which instance (0 to size - 1). */
  slot: number;
  /** The path before /bot in its calls to the fake (RecordedCall.via). */
  via: string;
  start: number;
  /** When the process was seen to exit (Infinity while it runs). */
  end: number;
  /** Ended by SIGKILL (a crash), not by the end of the run. */
  killed: boolean;
}

export class SoakFleet {
  readonly lifetimes: Lifetime[] = [];
  private readonly running: ({ child: ChildProcess; port: number; life: Lifetime } | undefined)[];

  constructor(
    private readonly env: Record<string, string>,
    private readonly apiRoot: string,
    readonly size: number,
  ) {
    this.running = Array.from({ length: size }, () => undefined);
  }

  /** Starts every instance, one after another (the first migrates the database). */
  async startAll(): Promise<void> {
    for (let slot = 0; slot < this.size; slot++) await this.start(slot);
  }

  /** Starts instance `slot` and waits until it is healthy. */
  async start(slot: number): Promise<void> {
    const id = this.lifetimes.length;
    const life: Lifetime = {
      id,
      slot,
      via: `l${id}`,
      start: Date.now(),
      end: Number.POSITIVE_INFINITY,
      killed: false,
    };
    // The lifetime starts at the spawn: the instance may send before its "listening" line is read here.
    this.lifetimes.push(life);
    const server = await startServe({
      ...this.env,
      PORT: "0",
      TELEGRAM_API_ROOT: `${this.apiRoot}/${life.via}`,
    });
    this.running[slot] = { ...server, life };
  }

  /** The ports of the instances running now (one being restarted is not among them). */
  ports(): number[] {
    return this.running.flatMap((r) => (r ? [r.port] : []));
  }

  /** Kills instance `slot` with SIGKILL and waits until it has exited; returns how long it lived (ms). */
  async kill(slot: number): Promise<number> {
    const running = this.running[slot];
    if (!running) return 0;
    this.running[slot] = undefined;
    await this.end(running.child, "SIGKILL");
    running.life.end = Date.now();
    running.life.killed = true;
    return running.life.end - running.life.start;
  }

  /** Stops every instance (SIGTERM: they finish what they send) and waits for them. */
  async stopAll(): Promise<void> {
    await Promise.all(
      this.running.map(async (running, slot) => {
        if (!running) return;
        this.running[slot] = undefined;
        await this.end(running.child, "SIGTERM");
        running.life.end = Date.now();
      }),
    );
  }

  private async end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill(signal);
    await exited;
  }
}
