import type { Settings } from "../src/config/settings.js";
import type { Logger } from "../src/log.js";
import type { Channel } from "./channel.js";
import type { Leadership } from "./leadership.js";

/**
 * The configured channels, in a fixed order. A channel's library is loaded only when the channel
 * is configured: botbuilder and Bolt alone hold about 90 MB of memory, which a clinic on
 * Telegram does not need. To add a platform: a folder in adapters/, a Channel, a line here.
 */
export async function configuredChannels(
  settings: Settings,
  log: Logger,
  /** Who long-polls Telegram among instances on one database (default: this process alone). */
  polling?: Leadership,
): Promise<Channel[]> {
  const channels: Channel[] = [];
  if (settings.telegram) {
    const { createTelegramChannel } = await import("./telegram/telegram-channel.js");
    channels.push(createTelegramChannel(settings.telegram, log, polling));
  }
  if (settings.slack) {
    const { createSlackChannel } = await import("./slack/slack-channel.js");
    channels.push(createSlackChannel(settings.slack, log));
  }
  if (settings.teams) {
    const { createTeamsChannel } = await import("./teams/teams-channel.js");
    channels.push(createTeamsChannel(settings.teams, log));
  }
  return channels;
}
