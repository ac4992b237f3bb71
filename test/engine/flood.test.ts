import { afterEach, describe, expect, it } from "vitest";
import type { Delivery, InboundEvent } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

// Flood limits through the engine on a real SQLite file (src/engine/flood-admission.ts): a stranger
// is told how to start once an hour, anyone has 30 messages a minute processed, and nothing that
// may be a risk disclosure is ever dropped.
let c: Conversation;
afterEach(() => c.close());

const MIN = 60_000;
const HOW_TO_START = "If your therapist gave you a code, type: start CODE";
const FLOOD_NOTICE = "You're sending messages faster than I can take them in";
/** How many of these events' ids the store holds as seen (asked in a transaction rolled back after). */
const recorded = (events: readonly InboundEvent[]) =>
  c.peek(async (tx) => {
    let seen = 0;
    for (const e of events)
      if (!(await tx.recordInbound(e.channel, e.id, c.clock.now().toISOString()))) seen++;
    return seen;
  });
const to = (ds: Delivery[], name: string) => ds.filter((d) => d.externalId === name);

async function sayMany(name: string, count: number, text = (i: number) => `hello ${i}`) {
  const results: string[] = [];
  const replies: Delivery[] = [];
  for (let i = 0; i < count; i++) {
    const sent = await c.send(c.event(name, { kind: "text", text: text(i) }));
    results.push(sent.result);
    replies.push(...sent.replies);
  }
  return { results, replies };
}

describe("a stranger's flood", () => {
  it("100 messages from someone unknown: one answer, one inbound row, one outbox row", async () => {
    c = new Conversation();
    const { results, replies } = await sayMany("stranger", 100);
    expect(replies.map((d) => d.message.text)).toEqual([expect.stringContaining(HOW_TO_START)]);
    expect(results[0]).toBe("processed");
    expect(results.slice(1).every((r) => r === "dropped")).toBe(true);
    expect(await recorded(c.handled)).toBe(1);
    expect(c.delivered).toHaveLength(1);
    expect(await c.status()).toMatchObject({ therapists: 0, queued: 0, failed: 0 });
    expect(await c.clientCount()).toBe(0);
  });

  it("still answers a disclosure, and still takes an invite code, in the hour after the answer", async () => {
    c = new Conversation();
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const [invite] = await c.say("rivera", "invite alex");
    const clientCode = /start (\S+)/.exec(invite?.message.text ?? "")?.[1];
    await sayMany("alex", 49);
    const crisis = await c.say("alex", "i want to kill myself");
    expect(crisis.map((d) => d.message.text)).toEqual([expect.stringContaining("TEST CRISIS TEXT")]);
    expect(crisis[0]?.message.urgent).toBe(true);
    await sayMany("alex", 10);
    const joined = await c.say("alex", `start ${clientCode}`);
    expect(joined[0]?.message.text).toContain("Dr Rivera invited you");
    // Known now: an ordinary message is answered again.
    expect(await c.say("alex", "yes")).not.toHaveLength(0);
    expect(to(c.delivered, "alex").filter((d) => d.message.text.includes(HOW_TO_START))).toHaveLength(1);
  });

  it("tells the same stranger again after an hour, and another stranger at once", async () => {
    c = new Conversation();
    await sayMany("stranger", 5);
    expect(await c.say("someone-else", "hi")).toHaveLength(1);
    c.clock.advance(59 * MIN);
    expect(await c.say("stranger", "hi")).toHaveLength(0);
    c.clock.advance(MIN);
    const again = await c.say("stranger", "hi");
    expect(again.map((d) => d.message.text)).toEqual([expect.stringContaining(HOW_TO_START)]);
    expect(await recorded(c.handled)).toBe(3);
  });

  it("a Teams install greets a stranger once an hour too", async () => {
    c = new Conversation();
    const greetings: InboundEvent[] = [];
    const greet = () => {
      greetings.push({ ...c.event("newcomer", { kind: "text", text: "" }), channel: "console" });
      return c.engine.greet(greetings.at(-1) as InboundEvent);
    };
    expect((await greet()).status).toBe("processed");
    expect((await greet()).status).toBe("dropped");
    expect((await c.send(c.event("newcomer", { kind: "text", text: "hello" }))).result).toBe("dropped");
    expect(c.delivered).toHaveLength(1);
    expect(await c.status()).toMatchObject({ queued: 0, failed: 0 });
    expect(await recorded([...greetings, ...c.handled])).toBe(1);
  });
});

describe("30 messages a minute for anyone", () => {
  async function enrolledAndQuiet(): Promise<void> {
    c = new Conversation();
    await c.enrol();
    // Enrolment took messages of its own; the flood starts in a fresh minute.
    c.clock.advance(MIN);
  }

  it("a client's 31st message in a minute gets one notice, the rest are dropped with no row", async () => {
    await enrolledAndQuiet();
    const [handled, delivered] = [c.handled.length, c.delivered.length];
    const { results, replies } = await sayMany("alex", 45);
    expect(results.slice(0, 30).every((r) => r === "processed")).toBe(true);
    expect(results.slice(30).every((r) => r === "dropped")).toBe(true);
    const texts = replies.map((d) => d.message.text);
    expect(texts).toHaveLength(31);
    expect(texts.slice(0, 30).every((t) => t.includes("I only ask the check-in questions"))).toBe(true);
    expect(texts[30]).toContain(FLOOD_NOTICE);
    // 30 processed and the notice: 31 rows each; the 14 others left nothing.
    expect(await recorded(c.handled.slice(handled))).toBe(31);
    expect(c.delivered.length - delivered).toBe(31);
    expect(await c.status()).toMatchObject({ queued: 0, failed: 0 });
  });

  it("a disclosure as the 50th message is still processed: crisis text and an urgent alert", async () => {
    await enrolledAndQuiet();
    const { results } = await sayMany("alex", 49);
    expect(results.filter((r) => r === "dropped")).toHaveLength(19);
    const replies = await c.say("alex", "I've taken all my pills, I want to die");
    expect(to(replies, "alex")[0]?.message.text).toContain("TEST CRISIS TEXT");
    expect(to(replies, "alex")[0]?.message.urgent).toBe(true);
    expect(to(replies, "rivera")[0]?.message.text).toContain("URGENT: alex may be at risk");
    expect((await c.data("alex")).riskAlerts).toHaveLength(1);
    // While the alert is open, what the client writes goes with it, flood or not.
    const more = await c.say("alex", "ok i've started");
    expect(to(more, "alex")).toHaveLength(1);
    expect((await c.data("alex")).riskEvents.filter((e) => e.tier === "message")).toHaveLength(1);
  });

  it("the therapist's 'seen N' is never dropped", async () => {
    await enrolledAndQuiet();
    await c.say("alex", "I want to kill myself");
    const [alert] = to(c.delivered, "rivera").filter((d) => d.message.urgent);
    const seen = alert?.message.choices?.[0]?.value ?? "";
    expect(seen).toMatch(/^seen \d+$/);
    await sayMany("rivera", 40, () => "clients");
    expect((await c.say("rivera", "clients")).length).toBe(0);
    const ack = await c.press("rivera", seen);
    expect(to(ack, "rivera")[0]?.message.text).toBe("Alert 1 about alex marked as seen. Thank you.");
    expect((await c.data("alex")).riskAlerts.map((a) => a.acknowledgedAt !== null)).toEqual([true]);
  });

  it("the answer to the safety question is never dropped, however it is typed", async () => {
    await enrolledAndQuiet();
    await sayMany("alex", 29);
    const asked = await c.say("alex", "I don't see the point anymore");
    expect(asked.at(-1)?.message.text).toContain("May I ask you one question about your safety?");
    // Over the limit, yet the pending question reads it: unclear, so it is asked once more.
    const unclear = await c.say("alex", "hello");
    expect(unclear[0]?.message.text).toContain("It's all right not to be sure.");
    // "ya kinda" matches no risk list; it is a yes to the pending question.
    const yes = await c.say("alex", "ya kinda");
    expect(to(yes, "alex")[0]?.message.text).toContain("TEST CRISIS TEXT");
    expect((await c.data("alex")).riskAlerts).toHaveLength(1);
  });

  it("after the minute, messages are processed again; a new flood gets a new notice", async () => {
    await enrolledAndQuiet();
    await sayMany("alex", 35);
    c.clock.advance(30_000);
    expect(await c.say("alex", "still here")).toHaveLength(0);
    c.clock.advance(MIN);
    const back = await c.say("alex", "hello again");
    expect(back.map((d) => d.message.text)).toEqual([
      expect.stringContaining("I only ask the check-in questions"),
    ]);
    const { replies } = await sayMany("alex", 35);
    expect(replies.filter((d) => d.message.text.includes(FLOOD_NOTICE))).toHaveLength(1);
    expect(to(c.delivered, "alex").filter((d) => d.message.text.includes(FLOOD_NOTICE))).toHaveLength(2);
  });

  it("a flood kept up for five minutes gets one notice and 30 messages processed each minute", async () => {
    await enrolledAndQuiet();
    const handled = c.handled.length;
    const results: string[] = [];
    for (let s = 0; s < 300; s++) {
      // One message a second: 60 a minute, twice the limit.
      results.push((await c.send(c.event("alex", { kind: "text", text: `m${s}` }))).result);
      c.clock.advance(1000);
    }
    expect(results.filter((r) => r === "processed")).toHaveLength(150);
    expect(to(c.delivered, "alex").filter((d) => d.message.text.includes(FLOOD_NOTICE))).toHaveLength(1);
    expect(await recorded(c.handled.slice(handled))).toBe(151);
  });

  it("a check-in answered at any human speed is not limited", async () => {
    await enrolledAndQuiet();
    await c.say("rivera", "checkin alex");
    const done = await c.answerAll("alex", [9, 9, 9, 9, 6, 6, 6, 6, "no"], "all good");
    expect(to(done, "rivera")[0]?.message.text).toMatch(/^alex, check-in 1 · /);
  });

  it("takes the clinic's own limit from limits.messagesPerMinute", async () => {
    c = new Conversation({ limits: { messagesPerMinute: 10 } });
    const { results, replies } = await sayMany("stranger", 15, (i) => `start AAAA-BBBB-CC${i}`);
    expect(results.filter((r) => r === "processed")).toHaveLength(10);
    expect(replies.at(-1)?.message.text).toContain(FLOOD_NOTICE);
    expect(replies).toHaveLength(11);
  });

  it("in a group, messages over the limit are dropped without a notice in front of others", async () => {
    await enrolledAndQuiet();
    const inGroup = (i: number) => ({ ...c.event("alex", { kind: "text", text: `hi ${i}` }), direct: false });
    const results: string[] = [];
    for (let i = 0; i < 40; i++) results.push((await c.send(inGroup(i))).result);
    expect(results.filter((r) => r === "processed")).toHaveLength(30);
    expect(c.delivered.some((d) => d.message.text.includes(FLOOD_NOTICE))).toBe(false);
    // A disclosure in the group still takes the risk path, in the direct conversation.
    const crisis = await c.send({ ...inGroup(99), input: { kind: "text", text: "i want to end my life" } });
    expect(crisis.result).toBe("processed");
    expect((await c.data("alex")).riskAlerts).toHaveLength(1);
  });
});
