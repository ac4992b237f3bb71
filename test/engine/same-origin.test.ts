import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

/**
 * A channel's sameOrigin check (Teams: channel and tenant of the stored address): an event that
 * names a stored identity from elsewhere is refused whole, before anything is recorded.
 */
describe("Engine.handle with a sameOrigin check", () => {
  let c: Conversation | undefined;
  afterEach(() => c?.close());

  it("refuses an event naming a known identity from elsewhere, leaving no trace", async () => {
    c = new Conversation();
    await c.enrol();
    const seen: unknown[] = [];
    const event = { ...c.event("rivera", { kind: "text", text: "clients" }), address: { name: "attacker" } };
    const result = await c.engine.handle(event, (stored) => {
      seen.push(stored);
      return false;
    });
    expect(result.status).toBe("refused");
    expect(seen).toEqual([{ name: "rivera" }]);
    await c.worker.drain();
    expect(c.delivered.filter((d) => d.address.name === "attacker")).toEqual([]);
    // Its id was not recorded: the store would take it as new (rolled back, so nothing changes).
    const now = c.clock.now().toISOString();
    expect(await c.peek((tx) => tx.recordInbound(event.channel, event.id, now))).toBe(true);
    // The same person from the same origin is still themselves, at their own address.
    const replies = (await c.send(c.event("rivera", { kind: "text", text: "clients" }))).replies;
    expect(replies.map((d) => d.address)).toEqual([{ name: "rivera" }]);
  });

  it("does not ask about someone it does not know yet, and refuses a greeting the same way", async () => {
    c = new Conversation();
    await c.enrol();
    const never = () => false;
    const stranger = await c.engine.handle(c.event("sam", { kind: "text", text: "hi" }), never);
    expect(stranger.status).toBe("processed");
    const greet = await c.engine.greet(c.event("alex", { kind: "text", text: "" }), never);
    expect(greet.status).toBe("refused");
  });
});
