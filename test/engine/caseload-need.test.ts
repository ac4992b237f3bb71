import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Conversation } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/**
 * `clients` ranks who needs attention by more than the progress check-in and open alerts: a
 * measure's reliable fall, and a risk alert the therapist acknowledged in the last two weeks.
 */
const dir = phqGadPrompts();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let c: Conversation;
afterEach(() => c.close());

const DAY = 24 * 60 * 60_000;

async function clinic(instruments: string[]): Promise<void> {
  c = new Conversation({ checkin: { instruments } }, "console", [], dir);
  await c.enrol("rivera", "zoe");
  const [invite] = await c.say("rivera", "invite amy");
  await c.say("amy", `start ${/start (\S+)/.exec(invite?.message.text ?? "")?.[1]}`);
  await c.say("amy", "yes");
}

async function clientsText(): Promise<{ text: string; order: string[] }> {
  const [clients] = await c.say("rivera", "clients");
  const text = clients?.message.text ?? "";
  return {
    text,
    order: text
      .split("\n")
      .slice(1)
      .map((l) => l.split(":")[0] ?? ""),
  };
}

describe("clients, by need", () => {
  it("ranks a reliable fall on the PHQ-9 with the progress one, and names it with its numbers", async () => {
    await clinic(["phq9", "gad7"]);
    const checkin = async (phq: number[]) => {
      await c.tick(60_000);
      await c.say("rivera", "checkin zoe");
      await c.answerAll("zoe", [...phq, 0, 0, 0, 0, 0, 0, 0]);
    };
    await checkin([1, 1, 1, 1, 1, 1, 0, 0, 0]);
    await checkin([2, 2, 2, 2, 2, 2, 2, 1, 0]);
    const { text, order } = await clientsText();
    expect(order).toEqual(["zoe", "amy"]);
    expect(text).toContain("zoe: deteriorated (PHQ-9 6 → 15), last check-in today");
  });

  it("keeps a client whose alert was acknowledged near the top for two weeks, and until a check-in is answered", async () => {
    await clinic(["alliance", "progress"]);
    const replies = await c.say("zoe", "i want to die");
    const alert = replies.find((d) => d.externalId === "rivera" && d.message.urgent);
    const id = /^seen (\d+)$/.exec(alert?.message.choices?.[0]?.value ?? "")?.[1];
    expect(id).toBeDefined();
    expect((await clientsText()).text).toContain(`zoe: URGENT alert ${id} open`);
    await c.say("rivera", `seen ${id}`);
    const acknowledged = await clientsText();
    expect(acknowledged.order).toEqual(["zoe", "amy"]);
    expect(acknowledged.text).toContain(
      `zoe: urgent alert ${id} acknowledged Nov 26, 2026, last check-in never`,
    );
    // Two weeks on, with no check-in answered since the alert, nothing has shown how zoe is.
    await c.tick(15 * DAY);
    expect((await clientsText()).order).toEqual(["zoe", "amy"]);
    await c.say("rivera", "checkin zoe");
    await c.answerAll("zoe", [9, 9, 9, 9, 7, 7, 7, 7, "no"]);
    const later = await clientsText();
    expect(later.order).toEqual(["amy", "zoe"]);
    expect(later.text).not.toContain("acknowledged");
  });

  it("puts an acknowledged alert of last week before a reliable fall", async () => {
    await clinic(["alliance", "progress"]);
    await c.say("rivera", "checkin amy");
    await c.answerAll("amy", [9, 9, 9, 9, 7, 7, 7, 7, "no"]);
    await c.tick(DAY);
    await c.say("rivera", "checkin amy");
    await c.answerAll("amy", [9, 9, 9, 9, 3, 3, 3, 3, "no"]);
    await c.say("zoe", "i took too many of my pills");
    await c.say("rivera", "seen 1");
    const { text, order } = await clientsText();
    expect(text).toContain("amy: deteriorated (progress 28 → 12)");
    expect(order).toEqual(["zoe", "amy"]);
  });
});
