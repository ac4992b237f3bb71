import { afterEach, describe, expect, it } from "vitest";
import type { Conversation } from "../helpers/conversation.js";
import { atSafetyQuestion } from "../helpers/measures.js";

/**
 * Regression: "no but sometimes i wonder whats the point" at the safety question reached the
 * therapist as "they answered yes to the safety question … after writing "no but sometimes…"": a
 * yes the client never typed. The message is the answer, read as a yes, and says so.
 */
let c: Conversation | undefined;
afterEach(() => {
  c?.close();
  c = undefined;
});

describe("words of concern that answer the safety question", () => {
  it("are quoted as the answer, read as a yes", async () => {
    c = await atSafetyQuestion();
    const sent = await c.say("alex", "no but sometimes i wonder whats the point");
    const alert = sent.find((d) => d.externalId === "rivera" && d.message.urgent)?.message.text ?? "";
    expect(alert).toContain(
      'they answered "no but sometimes i wonder whats the point" to the safety question (thoughts of harming themselves or ending their life), read as a yes.',
    );
    expect(alert).not.toContain("after writing");
  });
});
