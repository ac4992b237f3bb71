import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// Regression: "ich hab heut nacht so viele tabletten genommen wie ich gefunden hab" raised the alert,
// but the therapist read "please follow up later today" and the client "write any time". An
// overdose or attempt under way or just made is told as happening now, to both.
let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

describe("a disclosure that says it is happening now", () => {
  it("German: the therapist is told to act at once, the client to get emergency help now", async () => {
    c = new Conversation({ clinic: { language: "de" } });
    await c.enrol();
    const replies = await c.say(
      "alex",
      "ich hab heut nacht so viele tabletten genommen wie ich gefunden hab",
    );
    const [crisis, line] = texts(replies, "alex");
    expect(crisis).toContain("TEST CRISIS TEXT");
    expect(line).toBe(
      "Bitte hol dir jetzt sofort Hilfe und warte nicht auf eine Antwort deiner Therapeutin oder deines Therapeuten: Ruf die Notrufnummer aus der Nachricht oben an, geh in die nächste Notaufnahme oder sag jemandem in deiner Nähe, was gerade passiert.",
    );
    const [alert] = texts(replies, "rivera");
    expect(alert).toContain("DRINGEND: alex ist möglicherweise gefährdet.");
    expect(alert).toContain("Das könnte gerade jetzt geschehen: Versuchen Sie sofort, sie zu erreichen");
    expect(alert).not.toContain("heute noch");
  });

  it("English, against an ordinary disclosure and a past attempt: only the acute one says act now and get help now", async () => {
    c = new Conversation();
    await c.enrol("rivera", "alex");
    await c.enrol("rivera", "kim");
    await c.enrol("rivera", "sam");
    const acute = await c.say("alex", "i just took all my pills");
    expect(texts(acute, "alex")[1]).toBe(
      "Please get emergency help right now, and don't wait for your therapist to answer: call the emergency number in the message above, go to the nearest emergency department, or tell someone near you what is happening.",
    );
    const [acuteAlert] = texts(acute, "rivera");
    expect(acuteAlert).toMatch(
      /^URGENT: alex may be at risk\. .* This may be happening now: try to reach them at once; if you cannot, follow the clinic's emergency procedure\.$/s,
    );
    const ordinary = await c.say("kim", "i want to kill myself");
    expect(texts(ordinary, "kim")[1]).toBe(
      "I'm glad you told me. You can write to me again whenever you want.",
    );
    const [ordinaryAlert] = texts(ordinary, "rivera");
    expect(ordinaryAlert).toMatch(/Please follow up today\.$/);
    expect(ordinaryAlert).not.toContain("happening now");
    // A past attempt is an ordinary disclosure.
    const past = await c.say("sam", "i took all my pills last year");
    expect(texts(past, "sam")[1]).toBe("I'm glad you told me. You can write to me again whenever you want.");
    expect(texts(past, "rivera")[0]).toMatch(/Please follow up today\.$/);
  });

  it("within ten minutes of a crisis message: the emergency line carries the crisis contacts itself", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i want to kill myself");
    const replies = await c.say("alex", "me tomé todas las pastillas");
    expect(texts(replies, "alex")).toEqual([
      "Por favor, pide ayuda urgente ahora mismo y no esperes a que te responda tu terapeuta: ve a urgencias del hospital más cercano, dile a alguien que esté cerca lo que está pasando o llama: TEST CRISIS TEXT: call 112.",
    ]);
  });
});

// Regression: "i just took all my pills", written while the client's alert from an hour before was
// still open, reached the therapist as an ordinary update, a minute late when another had just gone.
describe("words that say it is happening now, added to an alert already open", () => {
  it("go to the therapist at once, saying to act now, even a few seconds after the last update", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i want to kill myself");
    await c.tick(60 * 60_000);
    const first = await c.say("alex", "idk its just a lot");
    expect(texts(first, "rivera")[0]).toMatch(/^URGENT, still open \(alert 1\)/);
    await c.tick(5_000);
    const acute = await c.say("alex", "i just took all my pills");
    const [update] = texts(acute, "rivera");
    expect(update).toMatch(/^URGENT, still open \(alert 1\): alex wrote once more since the alert:\n/);
    expect(update).toContain('"i just took all my pills"');
    expect(update).toMatch(
      /\nThis may be happening now: try to reach them at once; if you cannot, follow the clinic's emergency procedure\.$/,
    );
    expect(texts(acute, "alex").at(-1)).toMatch(/^Please get emergency help right now/);
  });

  it("ordinary risk words a few seconds after an update wait for the next one, without the line", async () => {
    c = new Conversation({ clinic: { language: "de" } });
    await c.enrol();
    await c.say("alex", "ich will nicht mehr leben");
    await c.tick(60 * 60_000);
    await c.say("alex", "keine ahnung");
    await c.tick(5_000);
    expect(texts(await c.say("alex", "ich will mich umbringen"), "rivera")).toEqual([]);
    const [update] = texts(await c.tick(60_000), "rivera");
    expect(update).toContain('"ich will mich umbringen"');
    expect(update).not.toContain("gerade jetzt");
    await c.tick(60 * 60_000);
    const [acute] = texts(await c.say("alex", "ich hab grad alle tabletten genommen"), "rivera");
    expect(acute).toMatch(
      /\nDas könnte gerade jetzt geschehen: Versuchen Sie sofort, die Person zu erreichen/,
    );
  });
});
