import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// Before consent, "ok" to a crisis message is the crisis message's answer, not consent; and a
// person who declined after writing words of risk is told what is kept, and still reaches their therapist.
let c: Conversation;
afterEach(() => c?.close());

const texts = (ds: Delivery[], name: string) =>
  ds.filter((d) => d.externalId === name).map((d) => d.message.text ?? "");

async function invited(): Promise<string> {
  c = new Conversation();
  const { code } = await c.engine.addTherapist("Dr Rivera");
  await c.say("rivera", `link ${code}`);
  const [invite] = await c.say("rivera", "invite sam");
  return /start (\S+)/.exec(invite?.message.text ?? "")?.[1] ?? "";
}

describe("a disclosure before consent", () => {
  it("'ok' after the crisis message is no consent: the question comes again, and 'hi' pages nobody", async () => {
    const code = await invited();
    await c.say("sam", `start ${code}`);
    await c.say("sam", "yes i agree. tbh i want to die");
    const ok = await c.say("sam", "ok");
    expect((await c.data("sam")).consents).toEqual([]);
    expect(texts(ok, "rivera")).toEqual([]);
    const [nod, question] = texts(ok, "sam");
    expect(nod).toMatch(/^Take good care of yourself/);
    expect(question).toContain("Do you agree to take part?");
    const hi = await c.say("sam", "hi");
    expect(hi.filter((d) => d.externalId === "rivera")).toEqual([]);
    expect((await c.data("sam")).consents).toEqual([]);
  });

  it("any other first message after the crisis message gets the whole consent question again", async () => {
    const code = await invited();
    await c.say("sam", `start ${code}`);
    await c.say("sam", "i want to kill myself");
    const [again] = texts(await c.say("sam", "hi"), "sam");
    expect(again).toContain("Do you agree to take part?");
    expect(again).not.toBe("Please tap one of the two buttons, or type yes or no.");
  });
});

describe("declining after words of concern", () => {
  it("says what is kept, keeps it, and a later disclosure reaches the therapist; forget erases it", async () => {
    const code = await invited();
    await c.say("sam", `start ${code}`);
    await c.say("sam", "no thanks, whats the point of anything");
    const safetyNo = await c.say("sam", "no");
    expect(texts(safetyNo, "sam").at(-1)).toContain("Do you agree to take part?");
    const declined = await c.say("sam", "no");
    const [toSam] = texts(declined, "sam");
    expect(toSam).toContain("What you wrote about how you feel stays with Dr Rivera");
    expect(toSam).not.toContain("nothing about you is kept");
    const [toRivera] = texts(declined, "rivera");
    expect(toRivera).toContain("What they wrote about their safety before declining is kept");
    const later = await c.say("sam", "i want to die");
    expect(later.find((d) => d.externalId === "rivera" && d.message.urgent)?.message.text).toContain(
      "URGENT: sam may be at risk",
    );
    await c.say("sam", "forget");
    await c.press("sam", "yes");
    expect(await c.count("SELECT COUNT(*) AS n FROM risk_events")).toBe(0);
    expect(await c.count("SELECT COUNT(*) AS n FROM identities WHERE external_id = 'sam'")).toBe(0);
  });

  it("a plain no still keeps nothing but the answer", async () => {
    const code = await invited();
    await c.say("sam", `start ${code}`);
    const [toSam] = texts(await c.say("sam", "no"), "sam");
    expect(toSam).toContain("nothing about you is kept except that you said no");
    expect((await c.data("sam")).identities).toEqual([]);
  });
});
