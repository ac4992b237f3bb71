import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// A client who writes their distress in another language than the one rapport speaks to them is
// answered in the language of their words: the crisis message, the warm line after it, and the
// reply to whatever they write next while the alert is open.
let c: Conversation;
afterEach(() => c.close());

const to = (ds: Delivery[], name: string) => ds.filter((d) => d.externalId === name);
const texts = (ds: Delivery[], name: string) => to(ds, name).map((d) => d.message.text);

describe("the crisis message in the language of the client's words", () => {
  it("a client enrolled in English who writes in German gets the crisis message and the warm line in German", async () => {
    c = new Conversation();
    await c.enrol();
    const replies = await c.say("alex", "ich will mich einfach nur noch umbringen");
    const [crisis, warm] = to(replies, "alex");
    expect(crisis?.message.urgent).toBe(true);
    expect(crisis?.message.text).toContain("Danke, dass du mir das anvertraust");
    expect(crisis?.message.text).toContain("TEST CRISIS TEXT");
    expect(warm?.message.text).toContain("Gut, dass du es mir gesagt hast");
    // The therapist's alert stays in the therapist's language, with the client's own words.
    const [alert] = to(replies, "rivera");
    expect(alert?.message.text).toContain("URGENT: alex may be at risk");
    expect(alert?.message.text).toContain('"ich will mich einfach nur noch umbringen"');
  });

  it("what the client writes next while the alert is open is answered in German; 'danke' alerts no one again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "ich will mich umbringen");
    const thanks = await c.say("alex", "ok danke");
    expect(texts(thanks, "alex")).toEqual([expect.stringContaining("Die Krisenkontakte")]);
    expect(to(thanks, "rivera")).toEqual([]);
    // Words that say more still reach the therapist at once.
    const more = await c.say("alex", "ich habe schon tabletten genommen");
    expect(texts(more, "alex")).toEqual([expect.stringContaining("Die Krisenkontakte")]);
    expect(texts(more, "rivera")[0]).toContain('"ich habe schon tabletten genommen"');
  });

  it("in Spanish too: 'vale, gracias' is an acknowledgement, not a new urgent message", async () => {
    c = new Conversation();
    await c.enrol();
    const replies = await c.say("alex", "ya no quiero vivir");
    expect(texts(replies, "alex")[0]).toContain("Gracias por contármelo");
    const thanks = await c.say("alex", "vale, gracias");
    expect(to(thanks, "rivera")).toEqual([]);
    expect(texts(thanks, "alex")).toHaveLength(1);
    expect(texts(thanks, "alex")[0]).not.toContain("Thank you");
  });

  it("English words get English, whatever the language set for the client", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex de");
    const replies = await c.say("alex", "i want to kill myself");
    expect(texts(replies, "alex")[0]).toContain("Thank you for telling me");
  });

  it("someone rapport does not know gets the crisis text in the language of their words", async () => {
    c = new Conversation();
    const replies = await c.say("stranger", "quiero suicidarme");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.message.text).toContain("No puedo ayudarte en una emergencia");
    expect(replies[0]?.message.text).toContain("TEST CRISIS TEXT");
  });
});

describe("the clinic's crisis text per language", () => {
  const crisisText = { en: "Call 999 or Samaritans 116 123.", de: "Telefonseelsorge 0800 111 0 111." };

  it("goes with the language of the message it is in: the crisis message, help and the consent text", async () => {
    c = new Conversation({ clinic: { crisisText } });
    await c.enrol();
    const german = texts(await c.say("alex", "ich will mich umbringen"), "alex")[0] ?? "";
    expect(german).toContain("Telefonseelsorge 0800 111 0 111.");
    expect(german).not.toContain("Samaritans");
    expect(texts(await c.say("alex", "help"), "alex")[0]).toContain("Samaritans 116 123");
    // A language the clinic wrote none for gets the clinic's own language's text.
    const spanish = texts(await c.say("bea", "quiero suicidarme"), "bea")[0] ?? "";
    expect(spanish).toContain("No puedo ayudarte");
    expect(spanish).toContain("Samaritans 116 123");
    // A client whose therapist set German before they joined reads the German text at consent.
    await c.say("rivera", "invite kim");
    const code = /start (\S+)/.exec(c.lastTo("rivera").message.text)?.[1];
    await c.say("rivera", "language kim de");
    const [consent] = texts(await c.say("kim", `start ${code}`), "kim");
    expect(consent).toContain("Telefonseelsorge");
  });
});
