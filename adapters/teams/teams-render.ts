import { type Activity, type Attachment, CardFactory } from "botbuilder";
import type { OutboundChart, OutboundMessage } from "../../src/model.js";
import { choiceRows } from "../choice-rows.js";
import type { SubmitValue } from "./teams-inbound.js";

/**
 * Choices are Action.Submit buttons rather than a ChoiceSet with a submit button: one tap
 * answers (a ChoiceSet needs two, and its compact form hides the scale on phones). Teams shows
 * at most six buttons in a row, so 0 to 10 comes as two ActionSets, 0 to 5 and 6 to 10; long
 * labels ("More than half the days") get an ActionSet each, so a phone does not cut them.
 */
const PER_ROW = 6;

export function cardFor(message: OutboundMessage, answered?: string): Attachment {
  const body: Record<string, unknown>[] = [
    {
      type: "TextBlock",
      text: withoutLinks(message.text),
      wrap: true,
      ...(message.urgent ? { color: "attention", weight: "bolder" } : {}),
    },
  ];
  if (answered !== undefined) {
    body.push({ type: "TextBlock", text: withoutLinks(answered), wrap: true, weight: "bolder" });
  } else {
    for (const row of choiceRows(message.choices ?? [], PER_ROW)) {
      body.push({
        type: "ActionSet",
        actions: row.map((c) => ({
          type: "Action.Submit",
          title: c.label,
          data: { rapport: { ref: message.ref, value: c.value } } satisfies SubmitValue,
          ...(message.urgent ? { style: "destructive" } : {}),
        })),
      });
    }
  }
  return CardFactory.adaptiveCard({
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.4",
    body,
  });
}

/**
 * A URL with a scheme, one starting "www.", or a bare domain or e-mail address (the last label
 * two letters or more, so "e.g." and "7.5" are left alone).
 */
const LINKISH =
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>()[\]]*|\bwww\.[^\s<>()[\]]*|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi;

/**
 * A card's TextBlock renders markdown, and Teams makes links of URLs in it. Cards quote clients
 * (an urgent alert carries the client's words) and a message does not mark which part is the
 * client's, so all card text is defused: "[text](url)" cannot hide where a link goes ("] (" is no
 * link), and URLs, addresses and domains read "https[:]//host[.]example" and are not clickable.
 */
export function withoutLinks(text: string): string {
  return text
    .replace(LINKISH, (link) => link.replace(/:\/\//g, "[:]//").replace(/\./g, "[.]"))
    .replace(/\](?=[([:])/g, "] ");
}

/**
 * A message without choices is plain text (a client's "*" and "_" stay as typed); one with
 * choices is a card. An update replaces the card with the same text and the answer, no buttons.
 */
export function activityFor(original: OutboundMessage): Partial<Activity> {
  // A bot cannot attach a file in a Teams chat without the user's consent card: the message
  // says how to get the file instead.
  const message = original.file
    ? { ...original, text: `${original.text}\n\n${original.file.note}` }
    : original;
  if (message.replaces) {
    const [question, answer] = splitAnswer(message.text);
    return {
      type: "message",
      id: message.replaces,
      attachments: [cardFor({ ...message, text: question }, answer)],
    };
  }
  if (message.chart) return { type: "message", attachments: [chartCard(message.text, message.chart)] };
  if ((message.choices ?? []).length === 0) {
    return {
      type: "message",
      text: message.urgent ? `⚠️ ${message.text}` : message.text,
      textFormat: "plain",
    };
  }
  return { type: "message", attachments: [cardFor(message)] };
}

/**
 * Teams takes a picture in a card up to 1 MB and 1024 × 1024 pixels, and does not count a base64
 * image against a message's size: rapport's charts (at most 1024 pixels a side) go inline as a
 * data URI, so no chart is ever served from a URL. One over the limit is left out and its words
 * shown instead.
 */
export const MAX_INLINE_IMAGE = 1024 * 1024;

function chartCard(text: string, chart: OutboundChart): Attachment {
  const inline = Buffer.byteLength(chart.png, "base64") <= MAX_INLINE_IMAGE;
  const body: Record<string, unknown>[] = [{ type: "TextBlock", text: withoutLinks(text), wrap: true }];
  if (inline) {
    body.push({
      type: "Image",
      url: `data:image/png;base64,${chart.png}`,
      altText: chart.alt,
      size: "stretch",
    });
  } else {
    body.push({ type: "TextBlock", text: withoutLinks(chart.alt), wrap: true, isSubtle: true });
  }
  return CardFactory.adaptiveCard({
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.4",
    body,
  });
}

/** The engine appends the answer after a blank line; on a card it gets a line of its own. */
function splitAnswer(text: string): [string, string | undefined] {
  const at = text.lastIndexOf("\n\n");
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 2)];
}
