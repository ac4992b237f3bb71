import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { consoleSender } from "../../adapters/console/console-channel.js";
import { createSlackChannel } from "../../adapters/slack/slack-channel.js";
import { createTeamsChannel } from "../../adapters/teams/teams-channel.js";
import { activityFor, MAX_INLINE_IMAGE } from "../../adapters/teams/teams-render.js";
import { createTelegramChannel } from "../../adapters/telegram/telegram-channel.js";
import { captionOf } from "../../adapters/telegram/telegram-sender.js";
import type { Address, Delivery, OutboundChart } from "../../src/model.js";
import { FakeConnector } from "../fakes/fake-connector.js";
import { FakeSlack } from "../fakes/fake-slack.js";
import { FakeTelegram } from "../fakes/fake-telegram.js";
import { silentLog } from "../helpers/conversation.js";

/** A real PNG (the Teams app icon, copied as a fixture): the bytes must arrive unchanged. */
const PNG = readFileSync(new URL("../fixtures/small.png", import.meta.url));
const chart: OutboundChart = {
  png: PNG.toString("base64"),
  alt: "Chart for c17: progress from 14 to 25 over 6 check-ins, above the expected path. Alliance 38, above 36.",
  name: "c17-2026-12-01.png",
};
const delivery = (externalId: string, address: Address, c: OutboundChart = chart): Delivery => ({
  outboxId: 7,
  channel: "test",
  externalId,
  address,
  message: { kind: "info", text: "c17: progress and alliance, 6 check-ins.", chart: c },
});

describe("a chart, delivered on each platform", () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it("Telegram: the text, then sendPhoto as a multipart upload with the words as its caption", async () => {
    const fake = new FakeTelegram();
    const apiRoot = await fake.start();
    stops.push(() => fake.stop());
    const { sender } = createTelegramChannel({ token: "123456:CHART", apiRoot }, silentLog);
    await sender.send(delivery("381294756", { chatId: 381294756 }));
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual(["sendMessage", "sendPhoto"]);
    const photo = fake.calls[1]?.body;
    expect(Number(photo?.chat_id)).toBe(381294756);
    expect(photo?.caption).toBe(chart.alt);
    const file = photo?.photo as { name: string; bytes: Buffer };
    expect(file.name).toBe("c17-2026-12-01.png");
    expect(file.bytes.equals(PNG)).toBe(true);
  });

  it("Telegram: a retry after the photo failed sends only the photo", async () => {
    const fake = new FakeTelegram();
    const apiRoot = await fake.start();
    stops.push(() => fake.stop());
    const { sender } = createTelegramChannel({ token: "123456:CHART", apiRoot }, silentLog);
    fake.failNext("sendPhoto", 500, "Internal Server Error");
    await expect(sender.send(delivery("381294756", { chatId: 381294756 }))).rejects.toThrow();
    await sender.send(delivery("381294756", { chatId: 381294756 }));
    expect(fake.calls.map((c) => c.method)).toEqual(["sendMessage", "sendPhoto", "sendPhoto"]);
  });

  it("Telegram: a caption over 1,024 characters ends at a sentence", () => {
    const long = Array.from({ length: 40 }, (_, i) => `Check-in ${i + 1} scored 20 of 40.`).join(" ");
    const caption = captionOf(long);
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption.endsWith(".…")).toBe(true);
  });

  it("Slack: files.uploadV2 into the direct message, the bytes unchanged, with alt text", async () => {
    const fake = new FakeSlack();
    const apiUrl = await fake.start();
    stops.push(() => fake.stop());
    const { sender } = createSlackChannel(
      { botToken: "xoxb-chart", signingSecret: "s", apiUrl, tokenVerification: false },
      silentLog,
    );
    await sender.send(delivery("U05MKD2J8TR", { user: "U05MKD2J8TR", channel: "D06R3A7P2WX" }));
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual([
      "chat.postMessage",
      "files.getUploadURLExternal",
      "files.completeUploadExternal",
    ]);
    const url = fake.calls[1]?.params;
    expect(url?.filename).toBe("c17-2026-12-01.png");
    expect(Number(url?.length)).toBe(PNG.length);
    expect(url?.alt_text).toBe(chart.alt);
    expect(fake.calls[2]?.params.channel_id).toBe("D06R3A7P2WX");
    const [uploaded] = [...fake.uploadBytes.values()];
    expect(uploaded?.equals(PNG)).toBe(true);
  });

  it("Teams: through the Bot Connector, a card with the picture inline as a data URI and its alt text", async () => {
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    stops.push(() => connector.stop());
    const { sender } = createTeamsChannel({ appId: "", appType: "MultiTenant", noAuth: true }, silentLog);
    const conversation = { conversationType: "personal", tenantId: "t-1", id: "a:chart-conversation" };
    await sender.send(
      delivery("aad-1", {
        user: { id: "29:therapist", name: "Dr Rivera", aadObjectId: "aad-1" },
        bot: { id: "28:bot", name: "rapport" },
        conversation,
        channelId: "msteams",
        serviceUrl,
      }),
    );
    const [call] = connector.calls;
    expect(call?.conversationId).toBe(conversation.id);
    const attachment = (
      (call?.activity.attachments ?? []) as {
        contentType: string;
        content: { body: Record<string, unknown>[] };
      }[]
    )[0];
    expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const body = attachment?.content.body ?? [];
    expect(body[0]).toMatchObject({ type: "TextBlock", text: "c17: progress and alliance, 6 check-ins." });
    expect(body[1]).toEqual({
      type: "Image",
      url: `data:image/png;base64,${chart.png}`,
      altText: chart.alt,
      size: "stretch",
    });
    expect(Buffer.from(String(body[1]?.url).split(",")[1] ?? "", "base64").equals(PNG)).toBe(true);
  });

  it("Teams: a picture over the inline limit is left out, its words shown instead", () => {
    const big = { ...chart, png: Buffer.alloc(MAX_INLINE_IMAGE + 1).toString("base64") };
    const activity = activityFor(delivery("29:1", {}, big).message);
    const card = activity.attachments?.[0]?.content as { body: Record<string, unknown>[] };
    expect(card.body.some((b) => b.type === "Image")).toBe(false);
    expect(card.body[1]).toMatchObject({ type: "TextBlock", text: chart.alt });
  });

  it("console: the PNG written under the charts folder, readable by its owner only, and its path printed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-charts-"));
    stops.push(async () => rmSync(dir, { recursive: true, force: true }));
    const out = new PassThrough();
    let printed = "";
    out.on("data", (d) => {
      printed += String(d);
    });
    // Named by the client's person id, never the alias (console-chart-files.test.ts).
    const c17: OutboundChart = { ...chart, client: 17 };
    await consoleSender(out, true, join(dir, "charts")).send(delivery("rivera", { name: "rivera" }, c17));
    const line = JSON.parse(printed) as { chart: { path: string; alt: string } };
    expect(line.chart.alt).toBe(chart.alt);
    expect(line.chart.path).toBe(join(dir, "charts", "7-2026-12-01-client-17.png"));
    expect(readFileSync(line.chart.path).equals(PNG)).toBe(true);
    expect(statSync(line.chart.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "charts")).mode & 0o777).toBe(0o700);
  });
});
