import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * The weekly digest names each client once, with their status and every warning in force, and
 * says each fact once: a reliable fall is not said again beside its flag, a recovery not explained
 * again every week, a paused client not also "nothing new", and its picture's message is a caption.
 */
let c: Conversation;
afterEach(() => c.close());

const DAY = 24 * 60 * 60_000;

/** A clinic whose digest comes on Mondays at 08:00, from Monday Nov 2, 2026, with alex enrolled. */
async function clinic(): Promise<void> {
  c = new Conversation({ digest: { day: "mon", time: "08:00" } });
  c.clock.set(new Date("2026-11-02T09:00:00Z"));
  await c.enrol();
  await c.tick(60_000);
}

/** One check-in answered in full: an alliance of 38 and four progress items of `progress` each. */
async function checkin(progress: number[]): Promise<void> {
  await c.say("rivera", "checkin alex");
  await c.answerAll("alex", [10, 10, 9, 9, ...progress, "no"], "skip");
  await c.tick(DAY);
}

/** The digest delivered at `at`, and the message after it (the caseload's picture), if any. */
async function digestAt(at: string): Promise<{ text: string; picture?: Delivery }> {
  const out = (await c.tickTo(at)).filter((d) => d.externalId === "rivera");
  const i = out.findIndex((d) => d.message.text.startsWith("Weekly digest"));
  return { text: out[i]?.message.text ?? "", picture: out.slice(i + 1).find((d) => d.message.chart) };
}

const alexLine = (text: string) => text.split("\n").find((l) => l.startsWith("- alex:")) ?? "";

describe("a warning of the rule method in force", () => {
  it("counts as one in clients, in the digest's line and in its picture, whose message is a caption", async () => {
    await clinic();
    for (const week of [
      [5, 5, 5, 5],
      [5, 5, 5, 6],
      [5, 6, 5, 5],
      [6, 5, 5, 6],
    ])
      await checkin(week);
    const [clients] = await c.say("rivera", "clients");
    expect(clients?.message.text).toContain("alex: on track, no change yet, last check-in");
    const { text, picture } = await digestAt("2026-11-09T08:00:00Z");
    // New this week: said once, among the new warnings, not also among the flags.
    expect(alexLine(text)).toMatch(/^- alex: on track; 4 check-ins; .*; new warnings: no change yet$/);
    expect(picture?.message.text).toBe(
      "Clients with an open warning: 1, as a chart with a panel for each (at most 12); the digest above names them in words.",
    );
    // The picture's alt text carries what it shows, for a reader who cannot see it.
    expect(picture?.message.chart?.alt).toContain("alex, on track, no change yet: progress 20 (");
    // A week on with no check-in, still in force: named with the state, dated by its check-in.
    const later = await digestAt("2026-11-16T08:00:00Z");
    expect(alexLine(later.text)).toBe("- alex: on track, no change yet; last check-in Nov 5, 2026");
  });
});

describe("the progress part of a client's line", () => {
  it("does not say a reliable fall again beside its flag", async () => {
    await clinic();
    for (const week of [
      [5, 5, 4, 4],
      [3, 3, 3, 4],
    ])
      await checkin(week);
    const line = alexLine((await digestAt("2026-11-09T08:00:00Z")).text);
    expect(line).toContain("deteriorated (progress 18 → 13)");
    expect(line.match(/deteriorat/g)).toHaveLength(1);
  });

  it("says a recovery in full the week it comes, and short while it stays", async () => {
    await clinic();
    for (const week of [
      [5, 5, 5, 5],
      [6, 7, 6, 6],
    ])
      await checkin(week);
    expect(alexLine((await digestAt("2026-11-09T08:00:00Z")).text)).toContain(
      "progress 25, +5 since the first (20): recovered (a reliable improvement, now out of the clinical range)",
    );
    c.clock.set(new Date("2026-11-10T09:00:00Z"));
    await checkin([7, 7, 7, 7]);
    const line = alexLine((await digestAt("2026-11-16T08:00:00Z")).text);
    expect(line).toContain("progress 28, +8 since the first (20): still recovered");
    expect(line).not.toContain("a reliable improvement");
  });
});

describe("a client with a line of news whose check-in expired unfinished", () => {
  it("has the expiry said in their line, not again under 'Check-ins not finished'", async () => {
    await clinic();
    // Four flat weeks: "no change yet" in force, so alex has a line of news every week.
    for (let i = 0; i < 4; i++) await checkin([5, 5, 5, 5]);
    await digestAt("2026-11-09T08:00:00Z");
    await c.say("rivera", "checkin alex");
    const { text } = await digestAt("2026-11-16T08:00:00Z");
    expect(alexLine(text)).toMatch(
      /^- alex: .*no change yet; last check-in Nov 5, 2026; check-in not finished \(expired Nov \d+, 2026\)$/,
    );
    expect(text).not.toContain("Check-ins not finished");
    expect(text.split("\n").filter((l) => /\balex\b/.test(l))).toHaveLength(1);
  });
});

describe("a client with nothing new this week", () => {
  it("who paused is named under Paused only, with their status", async () => {
    await clinic();
    await checkin([5, 5, 5, 5]);
    await c.say("alex", "stop");
    await digestAt("2026-11-09T08:00:00Z");
    const { text } = await digestAt("2026-11-16T08:00:00Z");
    expect(text).toContain("Paused:\n- alex: stopped by the client; too early to tell");
    expect(text).not.toContain("Nothing new");
  });

  it("whose check-in expired unfinished keeps their trajectory status", async () => {
    await clinic();
    for (const week of [
      [5, 5, 5, 5],
      [5, 5, 5, 6],
    ])
      await checkin(week);
    await digestAt("2026-11-09T08:00:00Z");
    await c.say("rivera", "checkin alex");
    const { text } = await digestAt("2026-11-16T08:00:00Z");
    expect(text).toMatch(/Check-ins not finished:\n- alex \(expired Nov \d+, 2026\); on track/);
  });

  it("is named with their status, and one who never answered a check-in is said to have none", async () => {
    await clinic();
    expect((await digestAt("2026-11-09T08:00:00Z")).text).toBe(
      "Weekly digest, Nov 9, 2026\nNo check-in answered yet for 1: alex.",
    );
    for (const week of [
      [5, 5, 5, 5],
      [5, 5, 5, 6],
    ])
      await checkin(week);
    await digestAt("2026-11-16T08:00:00Z");
    expect((await digestAt("2026-11-23T08:00:00Z")).text).toContain("Nothing new for 1: alex (on track).");
  });
});
