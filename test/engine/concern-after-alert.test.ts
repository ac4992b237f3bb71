import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// Regression: a client answered "sometimes i guess" to the safety question (URGENT alert 1), the
// therapist tapped seen, and a minute later the client wrote "tired of everything" and answered
// no to the concern's question. The therapist read "Worth talking about at the next session",
// an all-clear a minute after an URGENT "please follow up today".
let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text);

async function yesThenSeen(): Promise<void> {
  await c.enrol();
  await c.say("rivera", "checkin alex");
  for (const v of [5, 5, 5, 5, 2, 2, 2, 2]) await c.say("alex", String(v));
  await c.say("alex", "sometimes i guess");
  await c.say("rivera", "seen 1");
}

describe("a no to a concern's safety question in the week after an alert", () => {
  it("is not told as an all-clear: the notice names the alert and says to follow it up", async () => {
    c = new Conversation();
    await yesThenSeen();
    await c.tick(60_000);
    await c.say("alex", "i dont really see things getting better. tired of everything");
    const [notice] = texts(await c.say("alex", "no"), "rivera");
    expect(notice).toContain("they answered no.");
    expect(notice).toMatch(/\nThis came after urgent alert 1 \(.+\), in the week the question asks about/);
    expect(notice).toMatch(/the no is not an all-clear\. Follow it up with the alert\.$/);
    expect(notice).not.toContain("Worth talking about at the next session");
  });

  it("in German, with words beside the no", async () => {
    c = new Conversation({ clinic: { language: "de" } });
    await c.enrol();
    await c.say("alex", "ich will nicht mehr leben");
    await c.say("rivera", "seen 1");
    await c.tick(2 * 24 * 3_600_000);
    await c.say("alex", "es hat alles keinen sinn mehr");
    const [notice] = texts(await c.say("alex", "nein, will mir nix antun. nur muede von allem"), "rivera");
    expect(notice).toContain('dazu geschrieben: "nein, will mir nix antun. nur muede von allem"');
    expect(notice).toContain("Das kam nach der dringenden Meldung 1 (");
    expect(notice).not.toContain("Ein Thema für die nächste Sitzung");
  });

  it("more than a week after the alert, the no reads as before", async () => {
    c = new Conversation();
    await yesThenSeen();
    await c.tick(8 * 24 * 3_600_000);
    await c.say("alex", "i dont really see things getting better. tired of everything");
    const [notice] = texts(await c.say("alex", "no"), "rivera");
    expect(notice).toMatch(/they answered no\.\nWorth talking about at the next session\.$/);
  });
});
