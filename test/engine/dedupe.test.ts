import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

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
    expect(c.count("SELECT COUNT(*) AS n FROM answers")).toBe(1);
    expect(c.count("SELECT step AS n FROM checkins")).toBe(1);
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
    c.store.connection.exec("DROP INDEX checkins_one_open");
    c.store.connection.exec(
      "CREATE TRIGGER fail_checkin BEFORE INSERT ON checkins BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    const event = c.event("rivera", { kind: "text", text: "checkin alex" }, "evt-7");
    await expect(c.engine.handle(event)).rejects.toThrow("disk trouble");
    expect(c.count("SELECT COUNT(*) AS n FROM inbound_events WHERE event_id = 'evt-7'")).toBe(0);
    expect(c.count("SELECT COUNT(*) AS n FROM outbox WHERE message LIKE '%1/8%'")).toBe(0);
    c.store.connection.exec("DROP TRIGGER fail_checkin");
    const retry = await c.send(event);
    expect(retry.result).toBe("processed");
    expect(c.count("SELECT COUNT(*) AS n FROM checkins")).toBe(1);
  });
});
