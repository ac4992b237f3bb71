import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { isValidSlackRequest } from "@slack/bolt";
import { readRawBody } from "../http/raw-body.js";

/**
 * What rapport checks itself before Bolt verifies a Slack request's signature: a timestamp in the
 * future beyond the five-minute window (Bolt checks only the past), and a body type Slack never
 * sends (events are JSON; button presses and slash commands are form-encoded).
 */
const WINDOW_SECONDS = 5 * 60;
const SLACK_TYPES = /^(application\/json|application\/x-www-form-urlencoded)\b/i;

export function slackPrecheck(headers: IncomingHttpHeaders, nowSeconds: number): 401 | 415 | undefined {
  const timestamp = Number(headers["x-slack-request-timestamp"]);
  if (Number.isFinite(timestamp) && timestamp > nowSeconds + WINDOW_SECONDS) return 401;
  if (!SLACK_TYPES.test(String(headers["content-type"] ?? ""))) return 415;
  return undefined;
}

/**
 * The answer to a request that comes before rapport has connected to Slack (auth.test), when Bolt
 * cannot handle it yet: 503 to one Slack signed, which Slack delivers again later (after about a
 * minute, then five); 401 at once to one that is unsigned, forged or stale, as after connecting.
 * The body is read for the signature only; nothing of it is kept or logged.
 */
export async function answerWhileConnecting(
  req: IncomingMessage,
  signingSecret: string,
): Promise<401 | 413 | 503> {
  const body = await readRawBody(req).catch(() => undefined);
  if (!body) return 413;
  const signed = isValidSlackRequest({
    signingSecret,
    body: body.toString("utf8"),
    headers: {
      "x-slack-signature": String(req.headers["x-slack-signature"] ?? ""),
      "x-slack-request-timestamp": Number(req.headers["x-slack-request-timestamp"]),
    },
  });
  return signed ? 503 : 401;
}
