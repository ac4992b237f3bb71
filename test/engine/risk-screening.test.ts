import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

describe("screening for risk before anything else", () => {
  it("screens text that starts with a chat word", async () => {
    c = new Conversation();
    await c.enrol();
    const replies = await c.say("alex", "help me, I want to kill myself");
    expect(replies[0]?.externalId).toBe("alex");
    expect(replies[0]?.message.urgent).toBe(true);
    expect(replies.some((d) => d.externalId === "rivera" && d.message.text.startsWith("URGENT"))).toBe(true);
    // The crisis message and a warm line: not the help text, which is procedural.
    expect(replies.filter((d) => d.externalId === "alex").map((d) => d.message.text)).toEqual([
      expect.stringContaining("TEST CRISIS TEXT"),
      "I'm glad you told me. You can write to me again whenever you want.",
    ]);
    expect((await c.data("alex")).riskAlerts).toHaveLength(1);
  });

  it("keeps a comment that starts with a chat word as the comment; a bare word is still a command", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [9, 9, 9, 9, 6, 6, 6, 6, "no"]) await c.say("alex", String(v));
    const [help] = await c.say("alex", "help");
    expect(help?.message.text).toContain("I'm rapport");
    await c.say("alex", "start of the week was awful, help is what I needed");
    const checkins = (await c.data("alex")).checkins;
    expect(checkins.map((ch) => ch.comment)).toEqual(["start of the week was awful, help is what I needed"]);
  });

  it("gives someone it does not know the crisis text without promising a therapist", async () => {
    c = new Conversation();
    const [crisis] = await c.say("stranger", "I want to die");
    expect(crisis?.message.text).toContain("TEST CRISIS TEXT");
    expect(crisis?.message.text).not.toContain("therapist");
  });

  it("takes a client's disclosure in a group down the risk path privately, and answers the group only with a pointer", async () => {
    c = new Conversation();
    await c.enrol();
    const { replies } = await c.send({
      ...c.event("alex", { kind: "text", text: "honestly I want to die" }),
      direct: false,
      address: { name: "family-group" },
    });
    const toGroup = replies.filter((d) => d.externalId === "group:alex");
    expect(toGroup.map((d) => d.message.text)).toEqual([
      "I only talk about check-ins in a private chat. Please write to me directly.",
    ]);
    expect(replies.find((d) => d.externalId === "alex")?.message.urgent).toBe(true);
    expect(replies.find((d) => d.externalId === "rivera")?.message.text).toContain("URGENT");
  });
});

describe("a declined client", () => {
  it("on disk: leaves no platform address in the outbox once the reply is sent", async () => {
    c = new Conversation();
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const [invite] = await c.say("rivera", "invite alex");
    const clientCode = /start (\S+)/.exec(invite?.message.text ?? "")?.[1];
    await c.say("alex", `start ${clientCode}`);
    const replies = await c.say("alex", "no");
    expect(replies.find((d) => d.externalId === "alex")?.message.text).toContain(
      "ask your therapist for a new code",
    );
    expect(
      await c.count("SELECT COUNT(*) AS n FROM outbox WHERE external_id = 'alex' OR address LIKE '%alex%'"),
    ).toBe(0);
    expect((await c.data("alex")).consents.map((x) => x.choice)).toEqual(["declined"]);
  });
});
