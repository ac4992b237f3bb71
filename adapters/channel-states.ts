import type { DeliveryHealth } from "../src/delivery/channel-health.js";

/**
 * Each configured channel's connection, as `/healthz` reports it: "connecting" until it first
 * connects (the platform's API answered), then "connected"; "failed" with the setting to fix
 * when the platform refused it (a wrong token). A channel that never connected makes the
 * health check answer 503, so a load balancer or an orchestrator does not route to it yet.
 * Once connected, the delivery worker's view of its sends (src/delivery/channel-health.ts) is
 * shown: "failing" while they fail (network, 5xx) for over a minute or an urgent message waits
 * that long, "failed" while the platform refuses the bot's credentials; "connected" again on
 * the next message it accepts.
 */
type ChannelState = "connecting" | "connected" | "failing" | "failed";

export class ChannelStates {
  private readonly states = new Map<string, ChannelState>();
  private delivery: (channel: string) => DeliveryHealth = () => "ok";

  /** How the delivery worker's sends on a channel are going. */
  watchDelivery(health: (channel: string) => DeliveryHealth): void {
    this.delivery = health;
  }

  set(channel: string, state: ChannelState): void {
    // Once connected, a channel stays reported as connected: later platform errors are per message.
    if (this.states.get(channel) === "connected" && state !== "connected") return;
    this.states.set(channel, state);
  }

  snapshot(): Record<string, ChannelState> {
    return Object.fromEntries(
      [...this.states].map(([channel, state]) => [channel, this.shown(channel, state)]),
    );
  }

  /** A connected channel whose sends fail or are refused (then /healthz says "degraded"). */
  degraded(): boolean {
    return [...this.states].some(([channel, state]) => this.shown(channel, state) !== state);
  }

  private shown(channel: string, state: ChannelState): ChannelState {
    if (state !== "connected") return state;
    const health = this.delivery(channel);
    return health === "refused" ? "failed" : health === "failing" ? "failing" : state;
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
