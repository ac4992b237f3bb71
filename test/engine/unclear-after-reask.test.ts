import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * Regression: a concern's safety question answered unclearly twice ("idk", then "dunno"
 * after the re-ask) outside a check-in left the therapist with nothing, though the client was told
 * "your therapist will see what you wrote", while one "idk" and silence was told within the hour.
 */
const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

let c: Conversation;
afterEach(() => c?.close());

describe("a concern's question left unclear after the re-ask", () => {
  it("tells the therapist, with both answers, once", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "everyone would be better off");
    await c.tick(120_000);
    await c.say("alex", "idk");
    await c.tick(120_000);
    const sent = await c.say("alex", "dunno");
    expect(texts(sent, "alex")[0]).toMatch(/^That's all right, we can go on/);
    const told = texts(sent, "rivera").join("\n");
    expect(told).toContain('Possible risk, alex: "everyone would be better off"');
    expect(told).toContain('no clear answer: "idk / dunno"');
    // Not told again when the hour would have lapsed.
    const later = texts(await c.tick(2 * 60 * 60_000), "rivera").join("\n");
    expect(later).not.toContain("Possible risk");
  });
});
