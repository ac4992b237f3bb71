import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

// An unsure answer to a concern's safety question ("idk, probably not") is asked once more; when
// the client then says nothing, they did answer, unsurely: the therapist's note and the summary
// say they gave no clear answer, in their words, so the therapist can follow it up.
let c: Conversation;
afterEach(() => c.close());

const fromRivera = (ds: { externalId: string; message: { text: string } }[]) =>
  ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);

describe("an unclear answer to the safety question, then silence", () => {
  it("the hour's note and the summary quote the unclear answer, not 'did not answer'", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "whats the point of anything");
    const [again] = await c.say("alex", "idk, probably not");
    expect(again?.message.text).toContain("It's all right not to be sure.");
    const lapsed = fromRivera(await c.tick(61 * 60_000));
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toContain('they gave no clear answer: "idk, probably not"');
    expect(lapsed[0]).not.toContain("did not answer within an hour");
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toContain('Safety question: no clear answer ("idk, probably not").');
    expect(summary?.message.text).not.toContain("not answered");
  });

  it("while it waits, the summary says the unclear answer and that it was asked again", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i feel so hopeless");
    await c.say("alex", "idk");
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toContain('Safety question: no clear answer yet ("idk"), asked again.');
  });

  it("two unclear answers: both quoted, in order", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i feel so hopeless");
    await c.say("alex", "idk");
    await c.say("alex", "im not sure");
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toContain('Safety question: no clear answer ("idk / im not sure").');
  });

  it("silence with no answer at all still says they did not answer", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "whats the point of anything");
    const lapsed = fromRivera(await c.tick(61 * 60_000));
    expect(lapsed[0]).toContain("they did not answer within an hour");
  });
  it("after check-ins, the summary's safety line names the unclear answer with its date", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5, 5, 0]);
    await c.say("alex", "whats the point of anything");
    await c.say("alex", "idk, probably not");
    await c.tick(61 * 60_000);
    const text = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    const line = text.split("\n").find((l) => l.startsWith("Safety question:"));
    expect(line).toContain(
      'no clear answer ("idk, probably not") when asked on Nov 26, 2026 after what they wrote',
    );
  });
});
