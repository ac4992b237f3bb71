import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { atPhqItemNine, atSafetyQuestion, phqGadPrompts } from "../helpers/measures.js";

/**
 * A yes word beside a 0 at a risk item ("yes 0", "ja, 0", "sí, 0"): the yes wins, as a yes word
 * anywhere in an answer does. A review found that yes words added as hedges of a score ("jo 8",
 * "yeah 8" at a 0 to 10 question) made "yes 0" read as an unsure 0, asked again, and a 0 or a no
 * after it left the yes in no view at all.
 */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c?.close());

const urgent = (sent: { message: { text: string; urgent?: boolean } }[]) =>
  sent.some((d) => d.message.urgent === true && /^URGENT/.test(d.message.text));

describe("a yes beside a 0 at a risk item", () => {
  it.each([
    ["en", "yes 0"],
    ["en", "yeah 0 lol"],
    ["de", "ja, 0"],
    ["de", "jo, 0 passt"],
    ["es", "sí, 0"],
  ])("%s: %j at the safety question raises the alert", async (language, typed) => {
    c = await atSafetyQuestion([9, 9, 9, 9, 5, 5, 5, 5], language);
    expect(urgent(await c.say("alex", typed))).toBe(true);
    expect((await c.answers("alex")).find((a) => a.instrument === "safety")?.value).toBe(1);
  });

  it.each(["yeah 0", "yep 0"])("%j at the PHQ-9's ninth item raises the alert", async (typed) => {
    c = await atPhqItemNine(dir);
    expect(urgent(await c.say("alex", typed))).toBe(true);
  });

  it("a yes before a score elsewhere still hedges it: 'yeah 8' answers 8", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.say("alex", "yeah 8");
    expect((await c.answers("alex"))[0]?.value).toBe(8);
  });
});
