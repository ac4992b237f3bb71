import { afterEach, describe, expect, it } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import type { Store, Tx } from "../../src/store/types.js";
import { Conversation } from "../helpers/conversation.js";

/** A store whose transactions throw (a disk error, say) when they call this Tx method. */
function failingAt(store: Store, method: keyof Tx): Store {
  const failingTx = (tx: Tx): Tx =>
    new Proxy(tx, {
      get: (target, key) =>
        key === method
          ? async () => {
              throw new Error("disk trouble");
            }
          : Reflect.get(target, key, target),
    });
  return new Proxy(store, {
    get: (target, key) => {
      if (key === "transaction") {
        return <T>(fn: (tx: Tx) => Promise<T>) => target.transaction((tx) => fn(failingTx(tx)));
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("de-duplication of inbound events", () => {
  let c: Conversation;
  afterEach(() => c.close());

  it("processes an event id once, however often it is delivered", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const answer = c.event("alex", { kind: "text", text: "7" }, "update-1001");
    const first = await c.send(answer);
    expect(first.result).toBe("processed");
    expect(first.replies).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      const again = await c.send({ ...answer });
      expect(again.result).toBe("duplicate");
      expect(again.replies).toHaveLength(0);
    }
    const [checkin] = (await c.data("alex")).checkins;
    expect(checkin?.answers.map((a) => a.value)).toEqual([7]);
    expect(checkin?.step).toBe(1);
  });

  it("treats the same id on different channels as different events", async () => {
    c = new Conversation();
    const a = await c.send(c.event("x", { kind: "text", text: "hi" }, "42"));
    const b = await c.send({ ...c.event("x", { kind: "text", text: "hi" }, "42"), channel: "other" });
    expect(a.result).toBe("processed");
    expect(b.result).toBe("processed");
  });

  it("records nothing, not even the event id, when handling fails, so a redelivery can succeed", async () => {
    c = new Conversation();
    await c.enrol();
    // The same database, behind a store whose transactions fail when they open a check-in.
    const failing = new Engine(failingAt(c.store, "createCheckin"), c.engine.deps);
    const event = c.event("rivera", { kind: "text", text: "checkin alex" }, "evt-7");
    await expect(failing.handle(event)).rejects.toThrow("disk trouble");
    // Rolled back whole: no check-in, nothing queued, and the event id is still new.
    expect(await c.status()).toMatchObject({ openCheckins: 0, queued: 0 });
    expect(await c.peek((tx) => tx.recordInbound(event.channel, event.id, c.clock.now().toISOString()))).toBe(
      true,
    );
    const retry = await c.send(event);
    expect(retry.result).toBe("processed");
    expect((await c.data("alex")).checkins).toHaveLength(1);
  });
});
