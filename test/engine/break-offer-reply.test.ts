import { afterEach, describe, expect, it } from "vitest";
import { replyToOffer } from "../../src/engine/break-offer-reply.js";
import { Engine } from "../../src/engine/engine.js";
import { Conversation, testDeps } from "../helpers/conversation.js";

/**
 * A typed yes to the way to pause rapport offered ("Pause until Jan 1, 2027", a line and a button)
 * does what the button does; a no is acknowledged and changes nothing; anything else is read as
 * ever. Only the client's next message, within a day, and while the offer is the last thing rapport
 * sent them, is a reply to it. Risk words go to the risk path as always.
 */
let c: Conversation;
afterEach(() => c.close());

const HOUR = 3_600_000;
const texts = (sent: { externalId: string; message: { text: string } }[], to: string) =>
  sent.filter((d) => d.externalId === to).map((d) => d.message.text);

const PAUSED_EN =
  "Check-ins are paused until Jan 1, 2027, when they start again by themselves. Type start if you want them back sooner.";
const TOLD_EN =
  "alex paused their check-ins from the chat until Jan 1, 2027. They start again by themselves then, or sooner if alex types start.";

async function enrolled(language?: "de" | "es"): Promise<void> {
  c = new Conversation();
  // Friday, December 4, 2026, 10:00 UTC (the clinic's zone).
  c.clock.set(new Date("2026-12-04T10:00:00Z"));
  await c.enrol();
  if (language) await c.say("rivera", `language alex ${language}`);
  c.clock.advance(60_000);
}

/** The client asks for a break and gets the offer; a minute passes before they reply. */
async function offered(words: string): Promise<void> {
  const sent = await c.say("alex", words);
  const offer = sent.find((d) => d.externalId === "alex")?.message;
  expect(offer?.kind === "question" && offer.choices?.length).toBe(1);
  c.clock.advance(60_000);
}

describe("a typed reply to a break offered between check-ins", () => {
  it("a typed yes pauses as the button does: the end the offer named, the same replies to both", async () => {
    await enrolled();
    await offered("can we take a break till january");
    const sent = await c.say("alex", "yes please");
    expect(texts(sent, "alex")).toEqual([PAUSED_EN]);
    expect(texts(sent, "rivera")).toEqual([TOLD_EN]);
    expect(await c.client("alex")).toMatchObject({
      pausedUntil: "2027-01-01T08:00:00.000Z",
      breakOffer: null,
    });
  });

  it.each([
    ["en", "can we take a break till january", "yes pls", "2027-01-01"],
    ["en", "can we take a break till january", "yeah", "2027-01-01"],
    ["en", "can we take a break till january", "ok", "2027-01-01"],
    ["en", "can we take a break till january", "Sure!", "2027-01-01"],
    ["en", "can we take a break till january", "ok do that", "2027-01-01"],
    ["de", "können wir bis februar pausieren", "ja bitte", "2027-02-01"],
    ["de", "können wir bis februar pausieren", "ja gerne", "2027-02-01"],
    ["de", "können wir bis februar pausieren", "jo", "2027-02-01"],
    ["de", "können wir bis februar pausieren", "Ja.", "2027-02-01"],
    ["es", "no me mandes nada hasta enero", "sí porfa", "2027-01-01"],
    ["es", "no me mandes nada hasta enero", "sí", "2027-01-01"],
    ["es", "no me mandes nada hasta enero", "vale", "2027-01-01"],
    ["es", "no me mandes nada hasta enero", "dale", "2027-01-01"],
    // Each once read as words nobody reads before: everyday yeses.
    ["de", "können wir bis februar pausieren", "ja schon", "2027-02-01"],
    ["de", "können wir bis februar pausieren", "jo gerne", "2027-02-01"],
    ["de", "können wir bis februar pausieren", "klar doch", "2027-02-01"],
    ["es", "no me mandes nada hasta enero", "si claro", "2027-01-01"],
    ["es", "no me mandes nada hasta enero", "sí, claro", "2027-01-01"],
    ["en", "can we take a break till january", "sure thing", "2027-01-01"],
    ["en", "can we take a break till january", "of course", "2027-01-01"],
    // Typed in another language than the client's prompts.
    ["en", "can we take a break till january", "si claro", "2027-01-01"],
    ["en", "can we take a break till january", "ja schon", "2027-01-01"],
  ] as const)("%s: %s, then '%s', pauses until %s", async (language, ask, yes, day) => {
    await enrolled(language === "en" ? undefined : language);
    await offered(ask);
    await c.say("alex", yes);
    expect((await c.client("alex"))?.pausedUntil).toMatch(new RegExp(`^${day}`));
    expect(c.lastTo("rivera").message.text).toMatch(/alex/);
  });

  it("a yes to the offer of a pause without an end pauses until start, as its button does", async () => {
    await enrolled();
    await offered("i want to stop doing these");
    const sent = await c.say("alex", "yes");
    expect(texts(sent, "alex")).toEqual(["Check-ins are paused. Type start whenever you want them back."]);
    expect(texts(sent, "rivera")).toEqual([
      "alex paused their check-ins from the chat. They can type start to resume.",
    ]);
    expect(await c.client("alex")).toMatchObject({ pausedUntil: null });
    expect((await c.client("alex"))?.pausedAt).not.toBeNull();
  });

  it.each([
    ["en", "can we take a break till january", "no thanks", "Alright, nothing changes"],
    ["en", "can we take a break till january", "nah im good", "Alright, nothing changes"],
    ["de", "können wir bis februar pausieren", "nein", "In Ordnung, es bleibt alles"],
    ["de", "können wir bis februar pausieren", "nee lieber nicht", "In Ordnung, es bleibt alles"],
    ["es", "necesito un descanso hasta enero", "no gracias", "De acuerdo, no cambia nada"],
  ] as const)(
    "%s: after '%s', '%s' is acknowledged kindly and nothing changes",
    async (language, ask, no, reply) => {
      await enrolled(language === "en" ? undefined : language);
      await offered(ask);
      const sent = await c.say("alex", no);
      expect(texts(sent, "alex")).toHaveLength(1);
      expect(texts(sent, "alex")[0]).toMatch(new RegExp(`^${reply}`));
      expect(texts(sent, "rivera")).toEqual([]);
      expect(await c.client("alex")).toMatchObject({ pausedAt: null, breakOffer: null });
    },
  );

  it("an unrelated reply is read as ever, and the offer is gone for the message after it", async () => {
    await enrolled();
    await offered("can we take a break till january");
    const sent = await c.say("alex", "work has been a lot lately");
    expect(texts(sent, "alex")[0]).toMatch(/^Thank you for writing\. I only ask the check-in questions/);
    expect((await c.client("alex"))?.pausedAt).toBeNull();
    // The yes now comes after another message: not a reply to the offer.
    c.clock.advance(60_000);
    await c.say("alex", "yes");
    expect(await c.client("alex")).toMatchObject({ pausedAt: null, breakOffer: null });
  });

  it("stands for a day: a yes 23 hours on pauses, 25 hours on it does not", async () => {
    await enrolled();
    await offered("can we take a break till january");
    c.clock.advance(23 * HOUR);
    await c.say("alex", "yes");
    expect((await c.client("alex"))?.pausedUntil).toBe("2027-01-01T08:00:00.000Z");

    c.close();
    await enrolled();
    await offered("can we take a break till january");
    c.clock.advance(25 * HOUR);
    const sent = await c.say("alex", "yes");
    expect((await c.client("alex"))?.pausedAt).toBeNull();
    expect(texts(sent, "rivera")).toEqual([]);
  });

  it("is kept in the database, so a yes to a restarted engine still pauses", async () => {
    await enrolled();
    await offered("can we take a break till january");
    expect((await c.client("alex"))?.breakOffer).toEqual({
      at: "2026-12-04T10:01:00.000Z",
      until: "2027-01-01",
    });
    const restarted = new Engine(c.store, testDeps(c.clock));
    await restarted.handle(c.event("alex", { kind: "text", text: "yes please" }));
    expect(texts(await c.tick(0), "alex")).toEqual([PAUSED_EN]);
    expect((await c.client("alex"))?.pausedUntil).toBe("2027-01-01T08:00:00.000Z");
  });

  it("a message rapport sent the client since (a check-in) is what a yes answers, not the offer", async () => {
    await enrolled();
    await offered("can we take a break till january");
    await c.say("rivera", "checkin alex");
    c.clock.advance(60_000);
    await c.say("alex", "yes");
    expect((await c.client("alex"))?.pausedAt).toBeNull();
  });

  it("so is any other message sent since: after the discharge notice a yes is no reply to the offer", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [8, 8, 8, 8, 6, 6, 6, 6, "no"], "skip");
    c.clock.advance(60_000);
    await offered("can we take a break till january");
    const told = texts(await c.say("rivera", "discharge alex"), "alex");
    expect(told).toHaveLength(1);
    expect((await c.client("alex"))?.status).toBe("active");
    c.clock.advance(60_000);
    await c.say("alex", "yes");
    expect((await c.client("alex"))?.pausedAt).toBeNull();
  });

  it("risk words after the offer go to the risk path, not to a pause", async () => {
    await enrolled();
    await offered("can we take a break till january");
    const sent = await c.say("alex", "yes. honestly i want to die");
    expect(sent.some((d) => d.externalId === "rivera" && d.message.urgent)).toBe(true);
    expect(await c.client("alex")).toMatchObject({ pausedAt: null, breakOffer: null });
  });
});

describe("a typed reply to a break offered in a check-in", () => {
  it("at the comment's thanks: 'ja gerne' pauses until the day named, not added to the comment", async () => {
    await enrolled("de");
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [8, 8, 8, 8, 6, 6, 6, 6, "nein"], "bitte bis februar keine check-ins mehr");
    c.clock.advance(60_000);
    const sent = await c.say("alex", "ja gerne");
    expect(texts(sent, "alex")[0]).toMatch(/^Die Check-ins sind bis 01\.02\.2027 pausiert/);
    const data = await c.data("alex");
    expect(data.pausedUntil).toMatch(/^2027-02-01/);
    expect(data.checkins.at(-1)?.comment).toBe("bitte bis februar keine check-ins mehr");
  });

  it("at a question, the line about a break is an offer, dated, with its button: a yes pauses", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    const [reask] = texts(await c.say("alex", "can we take a break till january"), "alex");
    expect(reask).toMatch(/^If you'd like a break from the check-ins until Jan 1, \d{4}, tap the button/);
    expect((await c.client("alex"))?.breakOffer).not.toBeNull();
    c.clock.advance(60_000);
    await c.say("alex", "yes");
    expect((await c.client("alex"))?.pausedAt).not.toBeNull();
  });

  it("at the safety question, a no after words about a break is asked which it meant, then answers", async () => {
    await enrolled();
    await c.say("rivera", "checkin alex");
    for (const v of [8, 8, 8, 8, 6, 6, 6, 6]) await c.say("alex", String(v));
    const [reask] = texts(await c.say("alex", "can we take a break till january"), "alex");
    expect(reask).toMatch(/^If you'd like a break from the check-ins until Jan 1/);
    c.clock.advance(60_000);
    const [which] = texts(await c.say("alex", "no"), "alex");
    expect(which).toMatch(/^Is that about the break, or your answer to the question below\?/);
    expect((await c.data("alex")).checkins.at(-1)?.step).toBe(8);
    c.clock.advance(60_000);
    const [next] = texts(await c.say("alex", "no"), "alex");
    expect(next).not.toMatch(/nothing changes/);
    expect((await c.data("alex")).checkins.at(-1)?.step).toBe(9);
    expect((await c.client("alex"))?.pausedAt).toBeNull();
  });
});

describe("everyday yeses to the offer, read as words alone", () => {
  const words = { yes: ["yes"], no: ["no"] };
  it.each(["ja schon", "jo gerne", "si claro", "sure thing", "klar doch", "why not"])(
    "%j is a yes",
    (text) => {
      expect(replyToOffer(text, words)).toBe("yes");
    },
  );
  it.each(["not sure", "sure?", "ja schon aber nicht jetzt", "schon gut", "claro, pero no", "bueno no"])(
    "%j is no reply to the offer: read as ever",
    (text) => {
      expect(replyToOffer(text, words)).toBeUndefined();
    },
  );
});
