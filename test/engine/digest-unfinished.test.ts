import { afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let c: Conversation;
afterEach(() => c?.close());

// Regression: the digest listed "Check-ins not finished: alex (expired Dec 18), kim (expired Dec 17)"
// and, below it, "Nothing new for 2: alex, kim"; and a client who had missed two in a row was
// never called out but in `clients`.
describe("the weekly digest and check-ins left unfinished", () => {
  it("does not call a client with one 'nothing new', and says how many went unanswered in a row", async () => {
    c = new Conversation({ digest: { day: "mon", time: "08:00" }, clinic: { timeZone: "Europe/Berlin" } });
    c.clock.set(new Date("2026-11-02T09:00:00Z"));
    await c.enrol("rivera", "alex");
    await c.enrol("rivera", "kim");
    await c.enrol("rivera", "sam");
    await c.tick(MINUTE);
    // alex leaves two unanswered in a row, kim one, sam none (and has nothing new either).
    await c.say("rivera", "checkin alex");
    await c.say("rivera", "checkin kim");
    await c.tick(50 * HOUR);
    await c.say("rivera", "checkin alex");
    await c.tick(50 * HOUR);
    const digest =
      (await c.tickTo("2026-11-09T07:00:00Z")).find((d) => d.message.text.startsWith("Weekly digest"))
        ?.message.text ?? "";
    expect(digest).toContain(
      "Check-ins not finished:\n- alex (expired Nov 4, 2026)\n- alex (expired Nov 6, 2026; 2 in a row unanswered)\n- kim (expired Nov 4, 2026)\n",
    );
    // sam has answered none: said plainly, not "nothing new" as if one had come before.
    expect(digest).toContain("No check-in answered yet for 1: sam.");
  });
});
