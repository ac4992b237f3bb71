import { afterEach, describe, expect, it } from "vitest";
import { asksForBreak } from "../../src/engine/break-request.js";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation | undefined;
afterEach(() => c?.close());

describe("a break asked for with its end", () => {
  it("is a break, as clients type it, in English, German and Spanish", () => {
    for (const text of [
      "pls stop till january",
      "can you stop until after christmas",
      "stop for 2 weeks pls",
      "I need to stop for a while",
      "no check ins till the new year please",
      "no more till january",
      "hold off on these until jan",
      "skip the next couple weeks",
      "please don't send any till feb",
      "i'm away next 2 weeks no check ins pls",
      "bitte bis januar keine check-ins",
      "pausiere bis nach weihnachten",
      "stopp bis januar bitte",
      "können wir ne pause machen bis februar? ist grad zu viel",
      "kann ich mal pause machen",
      "para hasta enero porfa",
      "no me mandes nada hasta enero",
      "pausa hasta después de navidad",
    ]) {
      expect(asksForBreak(text), text).toBe(true);
    }
  });

  it("is not read into words about life, or into words that only look alike", () => {
    for (const text of [
      "I can't stop crying till I sleep",
      "stop it I hate my life",
      "i stopped for a week at the gym",
      "no questions, all good",
      "ich habe keine fragen",
      "ich kann nicht aufhören zu weinen",
      "in der mittagspause war es besser",
      "no puedo parar de llorar",
      "para mí fue difícil",
      "we had a break through today",
      "thanks, no more for today",
    ]) {
      expect(asksForBreak(text), text).toBe(false);
    }
  });

  it("gets the way to pause with its button, dated when rapport reads the end, else until start", async () => {
    c = new Conversation();
    await c.enrol();
    const [asked] = (await c.say("alex", "pls stop till january")).filter((d) => d.externalId === "alex");
    expect(asked?.message.text).toContain("tap the button: they start again by themselves then");
    expect(asked?.message.choices).toEqual([
      { label: "Pause until Jan 1, 2027", value: "stop until 2027-01-01" },
    ]);
    const [vague] = (await c.say("alex", "can we take a break from these for a while")).filter(
      (d) => d.externalId === "alex",
    );
    expect(vague?.message.text).toContain("type stop: they pause until you type start.");
    expect(vague?.message.choices).toEqual([{ label: "Pause check-ins", value: "stop" }]);
    await c.say("rivera", "language alex es");
    const [spanish] = (await c.say("alex", "no me mandes nada hasta enero")).filter(
      (d) => d.externalId === "alex",
    );
    expect(spanish?.message.text).toContain("hasta el 1 ene 2027, toca el botón");
    expect(spanish?.message.choices).toHaveLength(1);
    await c.say("rivera", "language alex de");
    const [german] = (await c.say("alex", "können wir ne pause machen bis februar? ist grad zu viel")).filter(
      (d) => d.externalId === "alex",
    );
    expect(german?.message.choices).toEqual([
      { label: "Pause bis 01.02.2027", value: "stop until 2027-02-01" },
    ]);
  });
});

describe("a break asked for as a check-in's comment", () => {
  it("is kept as the comment and gets the way to pause, in the client's language", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex de");
    await c.say("rivera", "checkin alex");
    const replies = await c.answerAll(
      "alex",
      [8, 8, 8, 8, 6, 6, 6, 6, "nein"],
      "bitte bis februar keine check-ins mehr",
    );
    const toAlex = replies.filter((d) => d.externalId === "alex").at(-1);
    expect(toAlex?.message.text).toMatch(/^Danke/);
    expect(toAlex?.message.choices).toEqual([
      { label: "Pause bis 01.02.2027", value: "stop until 2027-02-01" },
    ]);
    // Kept for the therapist as the comment, as any comment is; not paused until the button.
    const data = await c.data("alex");
    expect(data.checkins.at(-1)?.comment).toBe("bitte bis februar keine check-ins mehr");
    expect(data.pausedAt).toBeNull();
    await c.press("alex", "stop until 2027-02-01");
    expect((await c.data("alex")).pausedUntil).toMatch(/^2027-02-01/);
  });

  it("an ordinary comment still gets the plain thanks", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const replies = await c.answerAll(
      "alex",
      [8, 8, 8, 8, 6, 6, 6, 6, "no"],
      "good session, we should stop talking about work though",
    );
    const thanks = replies.filter((d) => d.externalId === "alex").at(-1);
    expect(thanks?.message.text).toMatch(/^Thank you, that's everything/);
    expect(thanks?.message.choices ?? []).toEqual([]);
  });
});
