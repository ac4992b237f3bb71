import { afterEach, describe, expect, it } from "vitest";
import { isAcknowledgement, isThanks } from "../../src/engine/acknowledgement.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// After a disclosure, what the client writes next is kept with the alert. "ok" and "thank you so
// much 🙏" are what people answer a crisis message with: they must not send the therapist, or the
// on-call contact, another URGENT message, nor be thanked "for telling me".
let c: Conversation;
afterEach(() => c?.close());

const urgentTo = (ds: Delivery[], to: string) => ds.filter((d) => d.externalId === to && d.message.urgent);
const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

/** As clients answer a crisis message, typed as they type. */
const NODS = [
  "ok thank u",
  "thank you so much",
  "Thanks.",
  "ok 🙂",
  "Thank you 🙏🏻",
  "thank you ❤️",
  "okk",
  "thanks for the numbers",
  "will do, thanks",
  "👍",
  "vale, gracias",
  "Danke schön!",
];

/** Not a nod: words that may say more than thanks, a sad face, a question, a goodbye. */
const MORE = [
  "ok i will",
  "ok 😭",
  "ok :(",
  "ok?",
  "thanks for everything",
  "gracias por todo",
  "thanks but i mean it",
];

describe("what counts as only acknowledging", () => {
  it.each(NODS)("%s is an acknowledgement", (text) => {
    expect(isAcknowledgement(text)).toBe(true);
  });

  it.each(MORE)("%s is not", (text) => {
    expect(isAcknowledgement(text)).toBe(false);
  });

  it("thanks is thanks with an ok at most; no thanks and a bare ok are not", () => {
    expect(["ok thanks", "Thank you so much!", "k thx", "ok thanks 🙏", "danke"].map(isThanks)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["no thanks", "ok", "👍", "thanks but when is it?"].map(isThanks)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("acknowledgements while an alert is open", () => {
  async function disclosed(config = {}): Promise<void> {
    c = new Conversation(config);
    await c.enrol();
    await c.say("alex", "honestly i just want to die");
  }

  it("reach nobody urgently, are kept with the alert, and get a short warm reply", async () => {
    await disclosed();
    for (const nod of NODS) {
      // Past the ten minutes between updates each time: a nod would be sent at once if it counted.
      await c.tick(11 * 60_000);
      const replies = await c.say("alex", nod);
      expect(urgentTo(replies, "rivera")).toEqual([]);
      expect(texts(replies, "alex")).toEqual([
        "Take good care of yourself. The crisis contacts I sent a little earlier are there whenever you need them.",
      ]);
    }
    // Kept, and shown with the next update when something more is written (the repeats of the
    // unacknowledged alert in the meantime carried the ones before).
    await c.tick(11 * 60_000);
    const update = urgentTo(await c.say("alex", "ok i will"), "rivera")[0]?.message.text ?? "";
    expect(update).toContain('also wrote (no risk words): "Danke schön!"');
    expect(update).toContain('also wrote (no risk words): "ok i will"');
  });

  it.each(MORE)("%s reaches the therapist at once", async (text) => {
    await disclosed();
    const replies = await c.say("alex", text);
    expect(urgentTo(replies, "rivera")[0]?.message.text).toContain(JSON.stringify(text));
    expect(texts(replies, "alex").at(-1)).toContain("Your therapist will see this too");
  });

  it("more words a day later get the crisis contacts again, not a pointer to ones sent earlier", async () => {
    await disclosed();
    await c.tick(24 * 60 * 60_000);
    const replies = await c.say("alex", "like 20 of them. im scared");
    expect(texts(replies, "alex").at(-1)).toBe(
      "Thank you for telling me. Your therapist will see this too. If you need someone now: TEST CRISIS TEXT: call 112.",
    );
  });

  it("do not page the on-call contact once the alert has gone to them", async () => {
    await disclosed({ risk: { onCall: "Dr Night", escalateAfterMinutes: 30, repeatMinutes: 20 } });
    const night = await c.engine.addTherapist("Dr Night");
    await c.say("night", `link ${night.code}`);
    expect(urgentTo(await c.tick(31 * 60_000), "night")).toHaveLength(1);
    const replies = await c.say("alex", "thank you so much 🙏");
    expect(replies.filter((d) => d.message.urgent)).toEqual([]);
  });
});

// Regression: "sorry", two minutes after "i keep thinking about ending it", sent the therapist
// "URGENT, still open (alert 1): alex wrote once more since the alert: … "sorry"".
describe("a bare apology while an alert is open", () => {
  it.each(["sorry", "im so sorry", "Sorry.", "tut mir leid", "lo siento"])(
    "%j reaches nobody urgently, is kept, and is told there is nothing to be sorry for",
    async (text) => {
      c = new Conversation();
      await c.enrol();
      await c.say("alex", "i keep thinking about ending it");
      await c.tick(2 * 60_000);
      const replies = await c.say("alex", text);
      expect(urgentTo(replies, "rivera")).toEqual([]);
      expect(texts(replies, "alex")[0]).toMatch(/^There's nothing to be sorry for\. Your therapist will see/);
      await c.tick(11 * 60_000);
      const update = urgentTo(await c.say("alex", "i dont know what to do"), "rivera")[0]?.message.text;
      expect(update).toContain(`also wrote (no risk words): ${JSON.stringify(text)}`);
    },
  );

  it.each(["sorry for everything", "sorry i cant do this", "sorry 😭"])(
    "%j is passed on at once",
    async (text) => {
      c = new Conversation();
      await c.enrol();
      await c.say("alex", "i keep thinking about ending it");
      await c.tick(2 * 60_000);
      expect(urgentTo(await c.say("alex", text), "rivera")).toHaveLength(1);
    },
  );
});
