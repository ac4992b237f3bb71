import { afterEach, describe, expect, it } from "vitest";
import { activityFor, cardFor, withoutLinks } from "../../../adapters/teams/teams-render.js";
import { Conversation } from "../../helpers/conversation.js";

/**
 * Adaptive Card TextBlocks render markdown, and a client's words reach the therapist in a card
 * (the urgent alert with its "I've seen this" button): a link there must not be clickable, and
 * "[text](url)" must not hide where it goes.
 */
interface Block {
  type: string;
  text?: string;
}
const blocks = (attachment: { content?: unknown }) =>
  ((attachment.content as { body: Block[] }).body ?? []).filter((b) => b.type === "TextBlock");

const HOSTILE =
  "I want to end my life. Read [my goodbye note](https://evil.example/login?u=dr) or www.evil.example, <https://evil.example/x>, mail help@evil.example";

describe("withoutLinks", () => {
  it("breaks markdown links and defuses URLs, addresses and domains", () => {
    const out = withoutLinks(HOSTILE);
    expect(out).not.toMatch(/\]\(/);
    expect(out).not.toMatch(/:\/\//);
    expect(out).not.toMatch(/evil\.example/);
    expect(out).not.toMatch(/www\./);
    expect(out).toContain("[my goodbye note] (https[:]//evil[.]example/login?u=dr)");
    expect(out).toContain("I want to end my life.");
  });

  it("breaks images and reference links too", () => {
    expect(withoutLinks("![x](y.png)")).not.toMatch(/\]\(/);
    expect(withoutLinks("[a][b]\n[b]: https://evil.example")).not.toMatch(/\]\[|\]:|:\/\//);
  });

  it("leaves ordinary text alone: numbers, abbreviations, emphasis, dates", () => {
    for (const text of [
      "e.g. 7.5/10, i.e. Dr. Rivera",
      "alex, check-in 1 · Nov 26, 2026, 10:42 AM",
      "Rate *this* week_1 (0 = not at all, 10 = completely)",
      "[DEMO SAMPLE TEXT: a clinic sets its own] If you are in danger now, call 112.",
    ]) {
      expect(withoutLinks(text)).toBe(text);
    }
  });
});

describe("the Teams urgent alert card", () => {
  let c: Conversation | undefined;
  afterEach(() => c?.close());

  it("quotes the client's words with their links defused, and keeps the button", async () => {
    c = new Conversation();
    await c.enrol();
    const replies = await c.say("alex", HOSTILE);
    const alert = replies.find((d) => d.externalId === "rivera" && d.message.urgent);
    expect(alert?.message.choices?.length).toBeGreaterThan(0);
    const message = alert?.message ?? { kind: "urgent", text: "" };
    // The engine passes the client's words on as written; the card is where markdown would render.
    expect(message.text).toContain("](https://evil.example");
    const activity = activityFor(message);
    const card = activity.attachments?.[0] ?? {};
    expect(card).toEqual(cardFor(message));
    const text = blocks(card)
      .map((b) => b.text ?? "")
      .join("\n");
    expect(text).toContain("I want to end my life.");
    expect(text).not.toMatch(/\]\(|:\/\/|evil\.example|www\./);
    expect(JSON.stringify(card)).toContain('"seen 1"');
  });

  it("defuses the answer line of an updated card too", () => {
    const card = cardFor({ kind: "question", text: "Question?" }, "See [x](https://evil.example)");
    expect(blocks(card).at(-1)?.text).toBe("See [x] (https[:]//evil[.]example)");
  });
});
