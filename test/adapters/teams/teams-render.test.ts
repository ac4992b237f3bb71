import type { Attachment } from "botbuilder";
import { describe, expect, it } from "vitest";
import { activityFor, cardFor } from "../../../adapters/teams/teams-render.js";
import type { Choice, OutboundMessage } from "../../../src/model.js";

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";

interface SubmitAction {
  type: string;
  title: string;
  data: { rapport: { ref?: string; value: string } };
  style?: string;
}
interface CardElement {
  type: string;
  text?: string;
  wrap?: boolean;
  color?: string;
  weight?: string;
  actions?: SubmitAction[];
}
interface Card {
  type: string;
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: unknown;
}

function scale(from: number, to: number): Choice[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    label: String(from + i),
    value: String(from + i),
  }));
}

function question(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    kind: "question",
    text: "How well did you sleep this week?",
    ref: "checkin:12:3",
    choices: scale(0, 10),
    ...overrides,
  };
}

function contentOf(attachment: Attachment | undefined): Card {
  expect(attachment?.contentType).toBe(ADAPTIVE);
  return attachment?.content as Card;
}

const actionSets = (card: Card) => card.body.filter((e) => e.type === "ActionSet");
const textBlocks = (card: Card) => card.body.filter((e) => e.type === "TextBlock");

describe("cardFor", () => {
  it("is an Adaptive Card attachment with the text in a wrapping TextBlock", () => {
    const attachment = cardFor(question({ choices: [], text: "Noted." }));
    expect(attachment).toEqual({
      contentType: ADAPTIVE,
      content: {
        type: "AdaptiveCard",
        $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
        version: "1.4",
        body: [{ type: "TextBlock", text: "Noted.", wrap: true }],
      },
    });
  });

  it("puts 0 to 10 in two ActionSets of 6 and 5 Action.Submit buttons, each carrying ref and value", () => {
    const card = contentOf(cardFor(question()));
    expect(card.body[0]).toEqual({
      type: "TextBlock",
      text: "How well did you sleep this week?",
      wrap: true,
    });
    const sets = actionSets(card);
    expect(sets.map((s) => s.actions?.length)).toEqual([6, 5]);
    expect(card.body).toHaveLength(3);
    const buttons = sets.flatMap((s) => s.actions ?? []);
    expect(buttons.map((b) => b.title)).toEqual(scale(0, 10).map((c) => c.label));
    for (const [i, button] of buttons.entries()) {
      expect(button).toEqual({
        type: "Action.Submit",
        title: String(i),
        data: { rapport: { ref: "checkin:12:3", value: String(i) } },
      });
    }
    // The buttons are in the body, not in the card's own (single-row) actions.
    expect(card.actions).toBeUndefined();
  });

  it("puts up to six choices in one row, and seven in two", () => {
    const row = (n: number) => actionSets(contentOf(cardFor(question({ choices: scale(1, n) })))).length;
    expect(row(2)).toBe(1);
    expect(row(6)).toBe(1);
    expect(row(7)).toBe(2);
    expect(row(12)).toBe(2);
    expect(row(13)).toBe(3);
  });

  it("sends the choice's value, not its label", () => {
    const card = contentOf(
      cardFor(
        question({
          choices: [
            { label: "Not at all", value: "0" },
            { label: "Nearly every day", value: "3" },
          ],
        }),
      ),
    );
    expect(actionSets(card)[0]?.actions?.map((a) => [a.title, a.data.rapport.value])).toEqual([
      ["Not at all", "0"],
      ["Nearly every day", "3"],
    ]);
  });

  it("gives the labels of a 0 to 3 scale an ActionSet each, so a phone does not cut them", () => {
    const options = ["Not at all", "Several days", "More than half the days", "Nearly every day"];
    const card = contentOf(
      cardFor(question({ choices: options.map((label, i) => ({ label, value: String(i) })) })),
    );
    expect(actionSets(card).map((set) => set.actions?.map((a) => [a.title, a.data.rapport.value]))).toEqual(
      options.map((label, i) => [[label, String(i)]]),
    );
  });

  it("shows an urgent message in the attention colour, with destructive buttons", () => {
    const card = contentOf(
      cardFor(
        question({
          kind: "urgent",
          urgent: true,
          text: "Are you safe right now?",
          ref: "safety:4",
          choices: [
            { label: "Yes", value: "yes" },
            { label: "No", value: "no" },
          ],
        }),
      ),
    );
    expect(card.body[0]).toEqual({
      type: "TextBlock",
      text: "Are you safe right now?",
      wrap: true,
      color: "attention",
      weight: "bolder",
    });
    const buttons = actionSets(card).flatMap((s) => s.actions ?? []);
    expect(buttons).toHaveLength(2);
    for (const button of buttons) expect(button.style).toBe("destructive");
  });

  it("gives no style or colour to a message that is not urgent", () => {
    const card = contentOf(cardFor(question()));
    expect(card.body[0]).not.toHaveProperty("color");
    for (const button of actionSets(card).flatMap((s) => s.actions ?? [])) {
      expect(button).not.toHaveProperty("style");
    }
  });

  it("shows an answered question without buttons and with the answer in a TextBlock of its own", () => {
    const card = contentOf(cardFor(question(), "You answered: 7"));
    expect(actionSets(card)).toEqual([]);
    expect(card.body).toEqual([
      { type: "TextBlock", text: "How well did you sleep this week?", wrap: true },
      { type: "TextBlock", text: "You answered: 7", wrap: true, weight: "bolder" },
    ]);
  });

  it("shows an empty answer too (answered is '' not undefined)", () => {
    const card = contentOf(cardFor(question(), ""));
    expect(actionSets(card)).toEqual([]);
    expect(textBlocks(card)).toHaveLength(2);
  });

  it("keeps the text as typed: Adaptive Card markdown is the client's to render", () => {
    const card = contentOf(cardFor(question({ text: "Rate *this* week_1" })));
    expect(card.body[0]?.text).toBe("Rate *this* week_1");
  });
});

describe("activityFor", () => {
  it("sends a message without choices as plain text, '*' and '_' staying literal", () => {
    const text = "I feel *so* tired_today, 2*3 = 6";
    expect(activityFor({ kind: "info", text })).toEqual({ type: "message", text, textFormat: "plain" });
    expect(activityFor({ kind: "info", text, choices: [] })).toEqual({
      type: "message",
      text,
      textFormat: "plain",
    });
  });

  it("prefixes urgent plain text with a warning sign", () => {
    expect(
      activityFor({ kind: "urgent", urgent: true, text: "Please call 112 if you are in danger." }),
    ).toEqual({
      type: "message",
      text: "⚠️ Please call 112 if you are in danger.",
      textFormat: "plain",
    });
  });

  it("sends a message with choices as a card, and no text beside it", () => {
    const message = question();
    const activity = activityFor(message);
    expect(activity).toEqual({ type: "message", attachments: [cardFor(message)] });
    expect(activity.text).toBeUndefined();
    expect(activity.id).toBeUndefined();
  });

  it("replaces the pressed card: same text, the answer after the last blank line, no buttons", () => {
    const activity = activityFor({
      kind: "info",
      text: "How well did you sleep this week?\n\nYou answered: 7",
      replaces: "1718112991736",
    });
    expect(activity).toEqual({
      type: "message",
      id: "1718112991736",
      attachments: [
        {
          contentType: ADAPTIVE,
          content: {
            type: "AdaptiveCard",
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            version: "1.4",
            body: [
              { type: "TextBlock", text: "How well did you sleep this week?", wrap: true },
              { type: "TextBlock", text: "You answered: 7", wrap: true, weight: "bolder" },
            ],
          },
        },
      ],
    });
  });

  it("splits a question of several paragraphs at the last blank line only", () => {
    const activity = activityFor({
      kind: "info",
      text: "Over the last two weeks:\n\nLittle interest or pleasure in doing things?\n\nYou answered: Several days",
      replaces: "1718112991736",
    });
    const card = contentOf(activity.attachments?.[0]);
    expect(textBlocks(card).map((b) => b.text)).toEqual([
      "Over the last two weeks:\n\nLittle interest or pleasure in doing things?",
      "You answered: Several days",
    ]);
    expect(actionSets(card)).toEqual([]);
  });

  it("replaces with the whole text, and no answer, when there is no blank line", () => {
    const activity = activityFor({ kind: "info", text: "Thanks.", replaces: "1718112991736" });
    expect(activity.id).toBe("1718112991736");
    const card = contentOf(activity.attachments?.[0]);
    expect(card.body).toEqual([{ type: "TextBlock", text: "Thanks.", wrap: true }]);
  });

  it("never sends plain text for a replacement, so the card stays a card", () => {
    const activity = activityFor({ kind: "info", text: "Q\n\nA", replaces: "1718112991736" });
    expect(activity.text).toBeUndefined();
    expect(activity.textFormat).toBeUndefined();
    expect(activity.attachments).toHaveLength(1);
  });
});
