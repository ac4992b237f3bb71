import { type Bot, GrammyError } from "grammy";
import type { Logger } from "../../src/log.js";
import type { ChannelStates } from "../channel-states.js";
import type { Leadership } from "../leadership.js";
import { ALLOWED_UPDATES } from "./telegram-inbound.js";

/**
 * Long polling (getUpdates) while this process leads (adapters/leadership.ts): alone, from the
 * start; among several instances on one database, only the elected one polls, and it stops at
 * once when it loses the lead, so Telegram never sees two pollers for long. The others poll
 * nothing but send the outbox as usual, so they report the channel connected too.
 */
export function pollWhileLeading(
  bot: Bot,
  leadership: Leadership,
  states: ChannelStates,
  log: Logger,
): { stop(): Promise<void> } {
  const username = bot.botInfo.username;
  let leading = false;
  /** stop() was called: losing the lead is then no news for the log. */
  let stopping = false;
  // One polling loop at a time: a lead that comes back waits for the loop of the last one to end.
  let run: Promise<void> = Promise.resolve();
  const poll = async (): Promise<void> => {
    while (leading) {
      try {
        await bot.start({
          allowed_updates: [...ALLOWED_UPDATES],
          onStart: () => {
            states.set("telegram", "connected");
            log.info({ channel: "telegram", mode: "polling", bot: username }, "telegram channel ready");
          },
        });
        return;
      } catch (error) {
        // Right after a change of leader, the one that stepped down may still have a getUpdates
        // under way (or confirm its last update): Telegram answers the newer poller 409 then.
        // Between instances that is passing; alone, it means another process polls this bot.
        if (leading && leadership.shared && error instanceof GrammyError && error.error_code === 409) {
          log.warn(
            { channel: "telegram", retryInMs: leadership.retryMs },
            "telegram polling: another poller is still active (409); trying again",
          );
          await new Promise((resolve) => setTimeout(resolve, leadership.retryMs));
          continue;
        }
        // 401 (token revoked) or 409 (another process polls the same bot): nothing to retry here.
        const reason = error instanceof Error ? error.message : "unknown";
        log.fatal({ channel: "telegram", err: reason }, "telegram polling stopped");
        process.exit(1);
      }
    }
  };
  const contender = leadership.contend({
    lead: () => {
      leading = true;
      if (leadership.shared)
        log.info({ channel: "telegram" }, "telegram: this instance polls (it holds the polling lock)");
      run = run.then(poll);
    },
    lose: () => {
      leading = false;
      if (leadership.shared && !stopping)
        log.warn(
          { channel: "telegram" },
          "telegram: this instance stopped polling (it lost the polling lock)",
        );
      if (!bot.isRunning()) return;
      bot
        .stop()
        .catch((error: unknown) =>
          log.warn(
            { channel: "telegram", err: error instanceof Error ? error.message : "unknown" },
            "telegram: stopping polling failed",
          ),
        );
    },
    follow: () => {
      states.set("telegram", "connected");
      log.info(
        { channel: "telegram", mode: "polling", bot: username, poller: "another instance" },
        "telegram channel ready",
      );
    },
  });
  return {
    stop: async () => {
      stopping = true;
      await contender.stop();
      await run;
    },
  };
}
