import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * A no to a concern's safety question said with more ("no i would never do that. work has just
 * been a lot", "nicht so richtig, will mir nix antun. nur müde von allem"): the no is the answer,
 * and the words reach the therapist beside it. Regression: the therapist read only
 * "answered no". (At a check-in's own safety question such words are kept for its comment.)
 */
let c: Conversation;
afterEach(() => c?.close());

const toTherapist = (d: { externalId: string; message: { text: string } }[]) =>
  d.filter((x) => x.externalId === "rivera").map((x) => x.message.text);

describe("a no with words", () => {
  it("to a concern's question between check-ins: the therapist reads the words with the no", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("kai", "feeling so hopeless lately");
    const told = toTherapist(await c.say("kai", "no i would never do that. work has just been a lot"));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(
      'they answered no, and also wrote: "no i would never do that. work has just been a lot".',
    );
  });

  it("to a concern's question in German, as clients answer it", async () => {
    c = new Conversation({ clinic: { language: "de" } });
    await c.enrol("rivera", "jonas");
    await c.say("jonas", "manchmal frag ich mich wozu das alles");
    const told = toTherapist(
      await c.say("jonas", "nicht so richtig, will mir nix antun. nur muede von allem"),
    );
    expect(told.join("\n")).toContain(
      'dazu geschrieben: "nicht so richtig, will mir nix antun. nur muede von allem"',
    );
  });

  it("a plain no to a concern's question reads as before", async () => {
    c = new Conversation();
    await c.enrol("rivera", "kai");
    await c.say("kai", "feeling so hopeless lately");
    const [told] = toTherapist(await c.say("kai", "no"));
    expect(told).toContain("they answered no.");
  });
});

describe("a no with words inside a check-in", () => {
  it("the check-in's summary quotes the words beside the no", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 9, 9]) await c.say("alex", String(v));
    await c.say("alex", "feeling so hopeless lately");
    await c.say("alex", "no i would never do that. work has just been a lot");
    for (const v of [5, 5, 5]) await c.say("alex", String(v));
    const sent = [...(await c.say("alex", "5")), ...(await c.say("alex", "skip"))];
    const summary = toTherapist(sent).find((t) => /check-in 1/.test(t)) ?? "";
    expect(summary).toContain(
      'Safety question: no when asked after what they wrote, and they also wrote: "no i would never do that. work has just been a lot".',
    );
    const [own] = toTherapist(await c.say("rivera", "summary alex"));
    expect(own).toContain('and they also wrote: "no i would never do that. work has just been a lot"');
  });
});
