import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/** The app manifest must ask for exactly what the Slack channel uses: no more, no less. */
const manifest = parse(
  readFileSync(new URL("../../../adapters/slack/manifest.yaml", import.meta.url), "utf8"),
) as {
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url: string };
    interactivity: { is_enabled: boolean; request_url: string };
  };
  features: {
    slash_commands: { command: string; url: string }[];
    app_home: { messages_tab_enabled: boolean };
  };
};
const channelSource = readFileSync(
  new URL("../../../adapters/slack/slack-channel.ts", import.meta.url),
  "utf8",
);
const senderSource = readFileSync(
  new URL("../../../adapters/slack/slack-sender.ts", import.meta.url),
  "utf8",
);

describe("the Slack app manifest", () => {
  it("subscribes to exactly the events the channel listens to", () => {
    const listened = [...channelSource.matchAll(/app\.event\("(\w+)"/g)].map((m) => m[1]);
    expect(listened.sort()).toEqual(["app_mention", "message"]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_mention", "message.im"]);
  });

  it("asks for exactly the scopes of the Web API calls and events rapport uses", () => {
    const calls = [...`${channelSource}\n${senderSource}`.matchAll(/client\.(\w+\.\w+)\(/g)].map((m) => m[1]);
    expect(new Set(calls)).toEqual(
      new Set(["users.info", "conversations.open", "chat.update", "chat.postMessage"]),
    );
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      ["app_mentions:read", "chat:write", "commands", "im:history", "im:write", "users:read"].sort(),
    );
  });

  it("sends events, interactivity and /rapport to the one route, and opens the Messages tab", () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe("/slack/events");
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/rapport"]);
    expect(channelSource).toContain('app.command("/rapport"');
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});
