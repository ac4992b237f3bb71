import type { Logger } from "../src/log.js";
import { type ChannelStates, retryDelayMs } from "./channel-states.js";

/** Why a channel could not connect, naming the setting to check; `final`: trying again is pointless. */
export interface ConnectFailure {
  setting: string;
  message: string;
  final: boolean;
}

/**
 * Connects a channel in the background: `connect` once per attempt, a log line per failed
 * attempt naming the setting, a wait doubling up to a minute before the next one; a final
 * failure (a refused token) marks the channel failed and stops. `ready` runs after the attempt
 * that succeeded and reports the channel connected in its own way. Returns stop().
 */
export function connectInBackground(options: {
  channel: string;
  states: ChannelStates;
  log: Logger;
  connect: () => Promise<void>;
  classify: (error: unknown) => ConnectFailure;
  ready: (attempt: number) => void;
}): { stop(): void } {
  const { channel, states, log } = options;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const attempt = async (n: number): Promise<void> => {
    if (stopped) return;
    try {
      await options.connect();
    } catch (error) {
      const failure = options.classify(error);
      if (failure.final) {
        states.set(channel, "failed");
        log.error({ channel, setting: failure.setting, attempt: n }, failure.message);
        return;
      }
      const wait = retryDelayMs(n);
      log.warn(
        { channel, setting: failure.setting, attempt: n, retryInMs: wait },
        `${failure.message}; trying again`,
      );
      retry = setTimeout(() => void attempt(n + 1), wait);
      retry.unref();
      return;
    }
    if (!stopped) options.ready(n);
  };
  states.set(channel, "connecting");
  void attempt(1);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(retry);
    },
  };
}
