import { ErrorCode, type WebClient } from "@slack/web-api";
import { type ChannelSender, DeliveryError } from "../../src/delivery/channel-sender.js";
import type { Delivery, OutboundMessage } from "../../src/model.js";
import { SLACK_CHANNEL } from "./slack-inbound.js";
import { parseSource, renderBlocks } from "./slack-render.js";

/** Slack errors that mean the person cannot be reached by this app any more. */
const UNREACHABLE = new Set([
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "channel_not_found",
  "is_archived",
  "not_in_channel",
  "user_is_restricted",
]);

/**
 * Slack errors that refuse the app's own token (revoked, mistyped, its workspace or bot user
 * deleted: Slack's "account_inactive" is about the token, not the recipient): the bot's fault.
 */
const REFUSED = new Set(["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"]);

/**
 * Sends through the Web API: chat.postMessage to the direct message (conversations.open when
 * rapport has no DM channel for the person yet), chat.update to show the answer on the
 * pressed message. Slack's errors become the worker's outcomes here.
 */
export function slackSender(client: WebClient): ChannelSender {
  const dms = new Map<string, string>();
  // Messages whose text went out but whose file did not yet: a retry sends only the file.
  const textSent = new Set<number>();
  const dmFor = async (user: string, known?: string): Promise<string> => {
    if (known) return known;
    const cached = dms.get(user);
    if (cached) return cached;
    const opened = await client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new DeliveryError("conversations.open returned no channel", "retry");
    dms.set(user, id);
    return id;
  };
  return {
    channel: SLACK_CHANNEL,
    // Slack allows about one message a second per conversation, with short bursts.
    limits: { perRecipient: { burst: 3, perSecond: 1 }, global: { burst: 20, perSecond: 10 } },
    send: async ({ outboxId, address, message }: Delivery) => {
      try {
        const { text, blocks } = renderBlocks(message);
        if (message.replaces) {
          const target = parseSource(message.replaces);
          if (!target) throw new DeliveryError("unusable message reference", "permanent");
          await client.chat.update({ channel: target.channel, ts: target.ts, text, blocks });
          return;
        }
        const channel = await dmFor(
          String(address.user),
          address.channel ? String(address.channel) : undefined,
        );
        if (!textSent.has(outboxId)) {
          await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false });
        }
        // files.uploadV2: an upload URL, the bytes, then completeUploadExternal into the DM.
        for (const upload of uploadsOf(message)) {
          textSent.add(outboxId);
          await client.filesUploadV2({ channel_id: channel, ...upload });
          textSent.delete(outboxId);
        }
      } catch (error) {
        throw translate(error);
      }
    },
  };
}

/**
 * What a message uploads after its text: mydata's file with its caption as a comment, a chart with
 * its words as alt text (Slack takes 1,000 characters).
 */
function uploadsOf(message: OutboundMessage) {
  const { file, chart } = message;
  return [
    ...(file
      ? [{ filename: file.name, title: file.name, content: file.content, initial_comment: file.caption }]
      : []),
    ...(chart
      ? [
          {
            filename: chart.name,
            title: chart.name,
            file: Buffer.from(chart.png, "base64"),
            alt_text: chart.alt.slice(0, 1000),
          },
        ]
      : []),
  ];
}

function translate(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const coded = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
  };
  switch (coded.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError(
        `Slack 429 (retry after ${coded.retryAfter} s)`,
        "retry",
        (coded.retryAfter ?? 1) * 1000,
        {
          cause: error,
        },
      );
    case ErrorCode.PlatformError: {
      const reason = coded.data?.error ?? "unknown";
      const outcome = UNREACHABLE.has(reason)
        ? "unreachable"
        : REFUSED.has(reason)
          ? "refused"
          : reason === "ratelimited"
            ? "retry"
            : "permanent";
      const check = outcome === "refused" ? ": check SLACK_BOT_TOKEN" : "";
      return new DeliveryError(`Slack ${reason}${check}`, outcome, undefined, { cause: error });
    }
    case ErrorCode.HTTPError:
      return new DeliveryError(`Slack HTTP ${coded.statusCode ?? "error"}`, "retry", undefined, {
        cause: error,
      });
    default:
      return new DeliveryError("network error", "retry", undefined, { cause: error });
  }
}
