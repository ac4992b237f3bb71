import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * A split schedule asks the progress check-in before the session and the alliance check-in after
 * it. Regression: `clients`, the digest and the caseload chart read the client's state
 * from the latest check-in alone, so a deterioration vanished after the alliance check-in and an
 * alliance concern after the progress one; and an alliance check-in answered after unanswered
 * words of concern cleared the "safety question not answered" flag, though it never asked it.
 */
let c: Conversation;
afterEach(() => c?.close());

const toTherapist = (ds: Delivery[]) =>
  ds.filter((d) => d.externalId === "rivera").map((d) => d.message.text);

async function clientsLine(alias: string): Promise<string> {
  const text = toTherapist(await c.say("rivera", "clients"))[0] ?? "";
  return text.split("\n").find((l) => l.startsWith(`${alias}:`)) ?? "";
}

/** The week's progress check-in (sent at 11:00 before a Monday 12:00 session), answered. */
async function progress(day: string, values: number[], comment = "skip"): Promise<void> {
  await c.tickTo(`${day}T11:00:00Z`);
  await c.answerAll("alex", [...values, "no"], comment);
}

/** The week's alliance check-in (after the 50-minute session), answered. */
async function alliance(day: string, values: number[], at = "14:00"): Promise<void> {
  await c.tickTo(`${day}T${at}:00Z`);
  await c.answerAll("alex", values);
}

async function splitClient(): Promise<void> {
  c.clock.set(new Date("2026-11-01T09:00:00Z"));
  await c.enrol();
  await c.say("rivera", "schedule alex weekly mon 12:00 50m split");
}

describe("a split schedule: each state from the latest check-in that asked it", () => {
  it("clients keeps a deterioration after the alliance check-in and an alliance concern after the progress one", async () => {
    c = new Conversation();
    await splitClient();
    await progress("2026-11-02", [5, 5, 5, 5]);
    await alliance("2026-11-02", [9, 9, 9, 9]);
    await progress("2026-11-09", [4, 3, 4, 3]);
    expect(await clientsLine("alex")).toMatch(/^alex: deteriorated \(progress 20 → 14\), not on track, /);
    await alliance("2026-11-09", [5, 5, 5, 5]);
    expect(await clientsLine("alex")).toMatch(
      /^alex: deteriorated \(progress 20 → 14\), not on track, alliance concern, down 16 since check-in 2 \(36 → 20\), last check-in today/,
    );
    await progress("2026-11-16", [4, 3, 4, 3]);
    expect(await clientsLine("alex")).toMatch(
      /^alex: deteriorated \(progress 20 → 14\), not on track, alliance concern, down 16 since check-in 2 \(36 → 20\), last check-in today/,
    );
  });

  it("the digest and its chart name the progress beside the alliance check-in of the week", async () => {
    c = new Conversation({ digest: { day: "tue", time: "08:00" } });
    await splitClient();
    await progress("2026-11-02", [5, 5, 5, 5]);
    await alliance("2026-11-02", [9, 9, 9, 9]);
    await progress("2026-11-09", [4, 3, 4, 3]);
    await alliance("2026-11-09", [5, 5, 5, 5]);
    const sent = await c.tickTo("2026-11-10T08:00:00Z");
    const texts = toTherapist(sent);
    const at = texts.findIndex((t) => t.startsWith("Weekly digest"));
    const line = texts[at]?.split("\n").find((l) => l.startsWith("- alex:")) ?? "";
    expect(line).toMatch(
      /^- alex: deteriorated \(progress 20 → 14\), not on track, alliance concern, down 16 since check-in 2 \(36 → 20\); 2 check-ins$/,
    );
    // The fall's numbers are in its flag: not said again as the progress part.
    expect(line).not.toContain("-6 since the first");
    // The caseload chart's panel is titled with the same state (its alt text, after the caption).
    const picture = sent.filter((d) => d.externalId === "rivera" && d.message.chart).at(-1);
    expect(picture?.message.chart?.alt).toContain(
      "alex, deteriorated (progress 20 → 14), not on track, alliance concern",
    );
  });
});

describe("a safety question after words of concern, left unanswered", () => {
  it("is not cleared by an alliance check-in, which never asks it; the next progress check-in clears it", async () => {
    c = new Conversation();
    await splitClient();
    await progress("2026-11-02", [5, 5, 5, 5]);
    await alliance("2026-11-02", [9, 9, 9, 9]);
    await progress("2026-11-09", [4, 3, 4, 3], "idk whats the point anymore");
    await alliance("2026-11-09", [9, 9, 9, 9], "15:00");
    expect(await clientsLine("alex")).toMatch(/^alex: safety question after worrying words not answered, /);
    await progress("2026-11-16", [5, 5, 5, 5]);
    expect(await clientsLine("alex")).not.toContain("safety question");
  });

  it("an acknowledged alert stays near the top past two weeks while only alliance check-ins were answered since", async () => {
    c = new Conversation();
    await splitClient();
    await progress("2026-11-02", [5, 5, 5, 5]);
    await c.tick(60_000);
    const replies = await c.say("alex", "i want to die");
    const alert = replies.find((d) => d.externalId === "rivera" && d.message.urgent);
    const id = /^seen (\d+)$/.exec(alert?.message.choices?.[0]?.value ?? "")?.[1];
    await c.say("rivera", `seen ${id}`);
    await alliance("2026-11-02", [9, 9, 9, 9]);
    await c.tickTo("2026-11-16T11:30:00Z");
    expect(await clientsLine("alex")).toMatch(
      new RegExp(`^alex: urgent alert ${id} acknowledged Nov 2, 2026`),
    );
    await c.answerAll("alex", [5, 5, 5, 5, "no"]);
    expect(await clientsLine("alex")).not.toContain("acknowledged");
  });
});
