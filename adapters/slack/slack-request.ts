import type { IncomingHttpHeaders } from "node:http";

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
