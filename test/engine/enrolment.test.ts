import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catalogRiskScreen } from "../../src/engine/risk/screening.js";
import { Conversation } from "../helpers/conversation.js";
import { takeQueued } from "../helpers/outbox.js";

describe("linking therapists and enrolling clients", () => {
  let c: Conversation;
  beforeEach(() => {
    c = new Conversation();
  });
  afterEach(() => c.close());

  async function inviteCode(therapist: string, alias: string): Promise<string> {
    const [reply] = await c.say(therapist, `invite ${alias}`);
    const code = /start (\S+)/.exec(reply?.message.text ?? "")?.[1];
    if (!code) throw new Error("no code");
    return code;
  }

  it("tells a stranger how to start, and refuses a made-up code", async () => {
    const [hello] = await c.say("stranger", "hi");
    expect(hello?.message.text).toContain("start CODE");
    const [wrong] = await c.say("stranger", "start AAAA-BBBB-CCCC");
    expect(wrong?.message.text).toContain("doesn't work");
    expect(await c.read((tx) => tx.findIdentity("console", "stranger"))).toBeUndefined();
  });

  it("links a therapist with a single-use code", async () => {
    const { code } = await c.engine.addTherapist("Dr Rivera");
    const [ok] = await c.say("rivera", `link ${code.toLowerCase()}`);
    expect(ok?.message.text).toContain("You're linked as Dr Rivera");
    const [reuse] = await c.say("someone-else", `link ${code}`);
    expect(reuse?.message.text).toContain("doesn't work");
  });

  it("takes a code typed in its groups with spaces, for a therapist and for a client", async () => {
    const { code } = await c.engine.addTherapist("Dr Rivera");
    const [ok] = await c.say("rivera", `link ${code.replaceAll("-", " ")}`);
    expect(ok?.message.text).toContain("You're linked as Dr Rivera");
    const invite = await inviteCode("rivera", "alex");
    const replies = await c.say("alex", `/start ${invite.replaceAll("-", " ").toLowerCase()}`);
    expect(replies.map((d) => d.message.text)).toEqual([
      expect.stringContaining("Do you agree to take part?"),
    ]);
  });

  it.each([
    (code: string) => `hi start ${code}`,
    (code: string) => `Hello! Dr Rivera asked me to send this: start ${code}.`,
    (code: string) => code,
  ])("finds an invite's code in what a new client writes around it (%#)", async (message) => {
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const invite = await inviteCode("rivera", "alex");
    const replies = await c.say("alex", message(invite));
    expect(replies.map((d) => d.message.text)).toEqual([
      expect.stringContaining("Do you agree to take part?"),
    ]);
    // Words with a code's letters are not one: the stranger is told how to start.
    const [hello] = await c.say("stranger", "i have been very sad, my number is 0176 1234 5678");
    expect(hello?.message.text).toContain("start CODE");
  });

  it("does not read a code as risk language: some random codes look like chat shorthand", async () => {
    // Each of these reads as a disclosure on its own: "KM55" as "kms", "000D" as "od", "CTBB" as "ctb".
    const codes = ["7WHS-000D-CVE4", "9RPP-2J8B-KM55", "CTBB-3NPE-B2DZ"];
    const screen = catalogRiskScreen(c.engine.deps.catalog);
    for (const code of codes) expect(screen.screen(`start ${code}`)?.tier).toBe("disclosure");
    c.engine.deps.newCode = () => codes.shift() ?? "AAAA-BBBB-CCCC";
    const { code } = await c.engine.addTherapist("Dr Rivera");
    const [linked] = await c.say("rivera", `link ${code}`);
    expect(linked?.message.text).toContain("You're linked as Dr Rivera");
    const alex = await inviteCode("rivera", "alex");
    const [consent] = await c.say("alex", `/start ${alex}`);
    expect(consent?.message.choices?.map((ch) => ch.value)).toEqual(["yes", "no"]);
    const sam = await inviteCode("rivera", "sam");
    // Typed as a person would: lower case, in its groups with spaces.
    const [samConsent] = await c.say("sam", `start ${sam.toLowerCase().replaceAll("-", " ")}`);
    expect(samConsent?.message.choices?.map((ch) => ch.value)).toEqual(["yes", "no"]);
    expect((await c.data("alex")).riskEvents).toEqual([]);
    expect(c.delivered.filter((d) => d.message.text.includes("I can't help in an emergency"))).toEqual([]);
  });

  it("still screens what comes with a code, and a made-up code, for risk", async () => {
    const codes = ["AAAA-BBBB-CCCC", "9RPP-2J8B-KM55"];
    c.engine.deps.newCode = () => codes.shift() ?? "DDDD-EEEE-FFFF";
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const alex = await inviteCode("rivera", "alex");
    // Words beside an issued code are screened; the code is not joined.
    const [crisis] = await c.say("alex", `start ${alex} i want to die`);
    expect(crisis?.message.text).toContain("I can't help in an emergency");
    expect(await c.read((tx) => tx.findIdentity("console", "alex"))).toBeUndefined();
    // A code rapport never issued is read like any other words.
    const [made] = await c.say("stranger", "start KM55-KM55-KM55");
    expect(made?.message.text).toContain("I can't help in an emergency");
  });

  it("refuses an expired code", async () => {
    const { code } = await c.engine.addTherapist("Dr Rivera");
    c.clock.advance(8 * 86_400_000);
    const [reply] = await c.say("rivera", `link ${code}`);
    expect(reply?.message.text).toContain("doesn't work");
  });

  it("asks for consent with two choices, naming the therapist, the crisis text and that it is no crisis service", async () => {
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const clientCode = await inviteCode("rivera", "alex");
    const [consent] = await c.say("alex", `/start ${clientCode}`);
    expect(consent?.message.text).toContain("Dr Rivera");
    expect(consent?.message.text).toContain("not a crisis service");
    expect(consent?.message.text).toContain("TEST CRISIS TEXT");
    expect(consent?.message.choices?.map((ch) => ch.value)).toEqual(["yes", "no"]);
    const [reask] = await c.say("alex", "perhaps");
    expect(reask?.message.text).toContain("yes or no");
    const replies = await c.press("alex", "yes", consent?.message.ref);
    expect(replies.find((d) => d.externalId === "rivera")?.message.text).toContain("alex joined");
    expect((await c.data("alex")).consents).toEqual([
      { version: 2, choice: "given", at: expect.any(String) },
    ]);
  });

  it("stores nothing but the refusal when a client declines", async () => {
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const clientCode = await inviteCode("rivera", "alex");
    await c.say("alex", `start ${clientCode}`);
    const replies = await c.say("alex", "no");
    expect(replies.find((d) => d.externalId === "rivera")?.message.text).toContain("alex declined");
    const declined = await c.data("alex");
    expect(declined.consents.map((x) => x.choice)).toEqual(["declined"]);
    expect(declined.identities).toEqual([]);
    expect(declined.checkins).toEqual([]);
    const [after] = await c.say("alex", "7");
    expect(after?.message.text).toContain("start CODE");
    const [noCheckin] = await c.say("rivera", "checkin alex");
    expect(noCheckin?.message.text).toContain("can't get check-ins yet (declined)");
  });

  it("keeps therapists apart: another therapist's alias is no such client", async () => {
    await c.enrol("rivera", "alex");
    const { code } = await c.engine.addTherapist("Dr Okafor");
    await c.say("okafor", `link ${code}`);
    for (const word of ["checkin alex", "summary alex"]) {
      const [reply] = await c.say("okafor", word);
      expect(reply?.message.text).toBe("You have no client called alex.");
    }
    const [caseload] = await c.say("okafor", "clients");
    expect(caseload?.message.text).toContain("no clients yet");
    expect((await c.data("alex")).checkins).toEqual([]);
    expect((await c.status()).openCheckins).toBe(0);
  });

  it("does not let a client use therapist words", async () => {
    await c.enrol();
    for (const word of ["invite bob", "checkin alex", "clients", "summary alex"]) {
      const [reply] = await c.say("alex", word);
      expect(reply?.message.text).toContain("only therapists");
    }
    expect(await c.clientCount()).toBe(1);
  });

  it("refuses an invalid alias and an invite for a client who is already active", async () => {
    await c.enrol();
    const [bad] = await c.say("rivera", "invite al ex!");
    expect(bad?.message.text).toContain("An alias is");
    const [twice] = await c.say("rivera", "invite ALEX");
    expect(twice?.message.text).toContain("already on your caseload");
  });

  it("replaces the code of a client who has not joined yet: only the newest one works", async () => {
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const first = await inviteCode("rivera", "alex");
    const second = await inviteCode("rivera", "alex");
    const [old] = await c.say("alex", `start ${first}`);
    expect(old?.message.text).toContain("doesn't work");
    const [consent] = await c.say("alex", `start ${second}`);
    expect(consent?.message.choices).toHaveLength(2);
  });

  it("lets therapist and client be on different channels: each gets messages where they wrote from", async () => {
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const clientCode = await inviteCode("rivera", "alex");
    const other = (text: string) => ({ ...c.event("u-77", { kind: "text", text }), channel: "other" });
    await c.send(other(`start ${clientCode}`));
    const consentGiven = await c.send(other("yes"));
    expect(consentGiven.replies.map((d) => d.externalId)).toEqual(["rivera"]);
    await c.say("rivera", "checkin alex");
    // Rivera's four replies were delivered on the console; alex's four wait on "other", which has
    // no sender here: taken from the outbox as the delivery worker would.
    expect(c.delivered.map((d) => [d.channel, d.externalId])).toEqual(Array(4).fill(["console", "rivera"]));
    const alex = await c.client("alex");
    const waiting = await takeQueued(c.store, c.clock.now().toISOString(), ["other"]);
    expect(waiting.map((r) => [r.channel, r.externalId, r.personId])).toEqual(
      Array(4).fill(["other", "u-77", alex?.personId]),
    );
  });
});
