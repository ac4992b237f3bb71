import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

// Regression: a client back after two weeks, with a check-in open, wrote "hiii sorry ive been a mess
// lately, phone was taken away lol. when is my next check in?" and got who sees the answers.
describe("asking when the next check-in is, with one open", () => {
  it("is told it is open now and where they are in it; the words beside the question are kept", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [first] = texts(
      await c.say(
        "alex",
        "hiii sorry ive been a mess lately, phone was taken away lol. when is my next check in?",
      ),
      "alex",
    );
    expect(first).toMatch(
      /^Thank you for telling me\. I've added it to your comment, .* Your check-in is open now\. This is question 1 of 9: 8 more after it, then an optional comment\.\n\n1\/9\./s,
    );
    expect(first).not.toContain("only Dr rivera sees your answers");
    await c.say("alex", "7");
    const [short] = texts(await c.say("alex", "when is my next check in?"), "alex");
    expect(short).toMatch(/^Your check-in is open now\. This is question 2 of 9: 7 more after it/);
    await c.answerAll("alex", [7, 7, 7, 5, 5, 5, 5, "no", "skip"]);
    const summary = texts(c.delivered, "rivera").find((t) => t.includes("Comment:")) ?? "";
    expect(summary).toContain("phone was taken away lol");
  });

  it("in German", async () => {
    c = new Conversation({ clinic: { language: "de" } });
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const [reply] = texts(await c.say("alex", "wann kommt der nächste check-in?"), "alex");
    expect(reply).toMatch(/^Dein Check-in ist gerade offen\. Das ist /);
  });
});
