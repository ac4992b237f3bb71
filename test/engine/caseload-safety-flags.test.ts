import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * `clients` names risk short on the client's line beyond an open or recent alert: words of concern
 * answered no in the last two weeks, and a safety question left without a clear answer (said so,
 * not "not answered", when the client gave unsure words). Regression: a German client who wrote
 * "manchmal frag ich mich wozu das alles" and answered no was listed with no word of it, and a
 * Spanish client who answered "no se... supongo que no" was listed as "sin responder".
 */
let c: Conversation;
afterEach(() => c?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const toTherapist = (ds: Delivery[]) =>
  ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);

async function rows(): Promise<string[]> {
  const text = toTherapist(await c.say("rivera", "clients"))[0] ?? "";
  return text.split("\n").slice(1);
}

/** A check-in answered with a fair week and "no" at its safety question, then `comment`. */
async function checkin(client: string, comment = "skip"): Promise<void> {
  await c.say("rivera", `checkin ${client}`);
  await c.answerAll(client, [9, 9, 9, 9, 7, 7, 7, 7, 0], comment);
}

describe("clients: words of concern answered no, and safety questions without a clear answer", () => {
  it("de: names words of concern answered no, ranks the client above one on track, for two weeks", async () => {
    c = new Conversation({ clinic: { language: "de" } });
    await c.enrol("rivera", "abe");
    await c.enrol("rivera", "jonas");
    await checkin("abe");
    await checkin("jonas", "manchmal frag ich mich wozu das alles eigentlich noch");
    await c.say("jonas", "weiss nich genau");
    await c.say("jonas", "nicht so richtig, will mir nix antun");
    const listed = await rows();
    expect(listed[0]).toMatch(
      /^jonas: besorgniserregende Worte am 26\.11\.2026 \(Sicherheitsfrage: nein\), /,
    );
    // Every other line stays as short as it was.
    expect(listed[1]).toMatch(/^abe: aktiv, /);
    await c.tick(13 * DAY);
    expect((await rows())[0]).toMatch(/^jonas: besorgniserregende Worte am 26\.11\.2026/);
    await c.tick(1 * DAY);
    expect((await rows()).find((r) => r.startsWith("jonas:"))).not.toContain("besorgniserregende");
  });

  it("es: unsure words at the question asked after the concern read as no clear answer, not as none", async () => {
    c = new Conversation({ clinic: { language: "es" } });
    await c.enrol("rivera", "lucia");
    await checkin("lucia", "a veces pienso que estarian mejor sin mi");
    await c.say("lucia", "no se... supongo que no");
    await c.tick(2 * HOUR);
    const [line] = await rows();
    expect(line).toMatch(/^lucia: pregunta de seguridad tras palabras preocupantes sin respuesta clara;/);
    expect(line).not.toContain("sin responder");
  });

  it("en: silence after the question asked after the concern is still not answered", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await checkin("kai", "honestly some days i dont see the point anymore");
    await c.tick(2 * HOUR);
    expect((await rows())[0]).toMatch(/^kai: safety question after worrying words not answered, /);
  });

  it("en: the last check-in's own safety question left unclear until it closed", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("rivera", "checkin kai");
    for (const v of [9, 9, 9, 9, 7, 7, 7, 7]) await c.say("kai", String(v));
    await c.say("kai", "not sure");
    await c.tick(7 * DAY);
    expect((await rows())[0]).toMatch(/^kai: no clear answer to the safety question at the last check-in, /);
    // Answered at the next check-in: no longer named.
    await checkin("kai");
    expect((await rows())[0]).not.toContain("safety question");
  });

  it("en: a check-in's question left unclear after a concern answered no is named too", async () => {
    // From a review: the concern's "(safety question: no)" stood alone, as if it were the latest answer.
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("kai", "feeling so hopeless lately");
    await c.say("kai", "no");
    c.clock.advance(DAY);
    await c.say("rivera", "checkin kai");
    for (const v of [9, 9, 9, 9, 7, 7, 7, 7]) await c.say("kai", String(v));
    await c.say("kai", "not sure");
    await c.tick(3 * DAY);
    const [row] = await rows();
    expect(row).toContain("no clear answer to the safety question at the last check-in");
    expect(row).toContain("(safety question: no)");
  });
});
