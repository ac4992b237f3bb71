/**
 * Each configured channel's connection, as `/healthz` reports it: "connecting" until it first
 * connects (the platform's API answered), then "connected"; "failed" with the setting to fix
 * when the platform refused it (a wrong token). A channel that never connected makes the
 * health check answer 503, so a load balancer or an orchestrator does not route to it yet.
 */
type ChannelState = "connecting" | "connected" | "failed";

export class ChannelStates {
  private readonly states = new Map<string, ChannelState>();

  set(channel: string, state: ChannelState): void {
    // Once connected, a channel stays reported as connected: later platform errors are per message.
    if (this.states.get(channel) === "connected" && state !== "connected") return;
    this.states.set(channel, state);
  }

  snapshot(): Record<string, ChannelState> {
    return Object.fromEntries(this.states);
  }

  /** Every configured channel has connected at least once. */
  ready(): boolean {
    return [...this.states.values()].every((s) => s === "connected");
  }
}

/** The wait before the next attempt to connect: 1 s doubling to at most a minute. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}
