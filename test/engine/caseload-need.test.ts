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

  it("keeps a client whose alert was acknowledged near the top for two weeks, then lets them go", async () => {
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
    await c.tick(13 * DAY);
    expect((await clientsText()).order).toEqual(["zoe", "amy"]);
    await c.tick(DAY);
    const later = await clientsText();
    expect(later.order).toEqual(["amy", "zoe"]);
    expect(later.text).not.toContain("acknowledged");
  });
});
