import { afterEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/model.js";
import { decodePng, inkShare } from "../charts/png.js";
import { Conversation } from "../helpers/conversation.js";

/**
 * Charts through the engine, as a therapist asks for them: `chart ALIAS`, attached to `summary
 * ALIAS`, with each check-in's summary when the clinic says `charts: each`, the caseload's small
 * multiples in the weekly digest, and none at all with `charts: off`.
 */
let c: Conversation;
afterEach(() => c.close());

const WEEK = 7 * 24 * 3_600_000;

/** Weekly check-ins for alex, progress falling from 28 by 4 a week; the alliance slips too. */
async function weeks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await c.say("rivera", "checkin alex");
    const alliance = 10 - Math.floor(i / 2);
    const progress = 7 - i;
    await c.answerAll("alex", [
      alliance,
      alliance,
      alliance,
      alliance,
      progress,
      progress,
      progress,
      progress,
      "no",
    ]);
    c.clock.advance(WEEK);
  }
}

function picture(d: Delivery | undefined) {
  const chart = d?.message.chart;
  if (!chart) throw new Error("no chart on the message");
  return { chart, png: decodePng(Buffer.from(chart.png, "base64")) };
}

describe("charts through the engine", () => {
  it("chart ALIAS: the picture to the therapist, what it shows in words as the text, nothing to the client", async () => {
    c = new Conversation();
    await c.enrol();
    await weeks(4);
    const sent = await c.say("rivera", "chart alex");
    expect(sent).toHaveLength(1);
    const [reply] = sent;
    expect(reply?.externalId).toBe("rivera");
    const { chart, png } = picture(reply);
    expect(png.width).toBeGreaterThan(780);
    expect(png.height).toBeGreaterThan(460);
    expect(inkShare(png)).toBeGreaterThan(0.02);
    expect(chart.name).toMatch(/^alex-\d{4}-\d{2}-\d{2}\.png$/);
    expect(chart.alt).toContain("alex");
    const text = reply?.message.text ?? "";
    expect(text).toContain("alex: progress and alliance (check-ins: 4)");
    expect(text).toContain("out of 40: 28 (");
    expect(text).toContain("deteriorated");
    expect(c.delivered.filter((d) => d.externalId === "alex").some((d) => d.message.chart)).toBe(false);
  });

  it("before the first completed check-in, says there is nothing to chart; another therapist's client is unknown", async () => {
    c = new Conversation();
    await c.enrol();
    await c.enrol("novak", "bo");
    const [none] = await c.say("rivera", "chart alex");
    expect(none?.message.chart).toBeUndefined();
    expect(none?.message.text).toBe("alex has no completed check-in yet: nothing to chart.");
    const [other] = await c.say("novak", "chart alex");
    expect(other?.message.chart).toBeUndefined();
    expect(other?.message.text).toContain("alex");
    expect(other?.message.text).not.toContain("check-ins");
  });

  it("summary ALIAS carries the chart, its words as the picture's alt text", async () => {
    c = new Conversation();
    await c.enrol();
    await weeks(2);
    const [summary] = await c.say("rivera", "summary alex");
    const { chart } = picture(summary);
    expect(summary?.message.text).toContain("alex · episode since");
    expect(chart.alt).toContain("Chart of alex, from ");
    expect(chart.alt).toContain("(check-ins: 2).");
  });

  it("charts: off: no picture anywhere, and chart ALIAS says so", async () => {
    c = new Conversation({ charts: "off" });
    await c.enrol();
    await weeks(2);
    const [off] = await c.say("rivera", "chart alex");
    expect(off?.message.text).toBe("Charts are turned off for this clinic (charts: off in its settings).");
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.chart).toBeUndefined();
    expect(c.delivered.some((d) => d.message.chart)).toBe(false);
  });

  it("charts: each: every check-in's summary carries the chart; on-request (the default): none does", async () => {
    for (const charts of ["each", "on-request"] as const) {
      c = new Conversation({ charts });
      await c.enrol();
      await weeks(2);
      const summaries = c.delivered.filter(
        (d) => d.externalId === "rivera" && d.message.text.startsWith("alex, check-in"),
      );
      expect(summaries).toHaveLength(2);
      expect(summaries.every((d) => (d.message.chart !== undefined) === (charts === "each"))).toBe(true);
      c.close();
    }
    c = new Conversation();
  });

  it("the caseload picture draws the alliance of a client listed for it, not only a flat progress line", async () => {
    c = new Conversation({ digest: { day: "thu", time: "12:00" } });
    await c.enrol();
    await c.tick(60_000);
    // Progress steady at 20; the alliance falls 40, 36, 33, 30, 26.
    for (const alliance of [
      [10, 10, 10, 10],
      [9, 9, 9, 9],
      [9, 8, 8, 8],
      [8, 8, 7, 7],
      [7, 7, 6, 6],
    ]) {
      await c.say("rivera", "checkin alex");
      await c.answerAll("alex", [...alliance, 5, 5, 5, 5, "no"]);
      c.clock.advance(WEEK);
    }
    const sent = await c.tick(60_000);
    const digest = sent.findIndex((d) => d.message.text.startsWith("Weekly digest"));
    const after = sent[digest + 1];
    // The picture's words are its alt text; its message is a short caption.
    const text = after?.message.chart?.alt ?? "";
    // Five flat progress check-ins: "no change yet" is in force too, and named.
    expect(text).toMatch(
      /alex, [^:]*alliance concern, down 14 since check-in 1 \(40 → 26\), no change yet: progress 20 /,
    );
    // The alliance's totals are in the words as in the picture's strip.
    expect(text).toMatch(
      /Alliance 40 \([^)]+\); 36 \([^)]+\); 33 \([^)]+\); 30 \([^)]+\); 26 \([^)]+\); below 36/,
    );
    // A strip under the progress panel makes the picture taller than one panel alone.
    expect(picture(after).png.height).toBeGreaterThan(340);
  });

  it("the weekly digest is followed by the caseload's small multiples of who needs attention, and only then", async () => {
    c = new Conversation({ digest: { day: "thu", time: "12:00" } });
    await c.enrol();
    await c.enrol("rivera", "bo");
    await c.tick(60_000);
    await weeks(4);
    const sent = await c.tick(60_000);
    const digest = sent.findIndex((d) => d.message.text.startsWith("Weekly digest"));
    expect(digest).toBeGreaterThanOrEqual(0);
    const after = sent[digest + 1];
    const { chart, png } = picture(after);
    expect(after?.externalId).toBe("rivera");
    expect(png.width).toBeGreaterThan(600);
    // alex is not on track; bo has no check-in and no warning: one panel.
    // The digest just above says it in words: the message is a caption, the alt text the data.
    expect(after?.message.text).toBe(
      "Clients with an open warning: 1, as a chart with a panel for each (at most 12); the digest above names them in words.",
    );
    expect(chart.alt).toContain(
      "Clients with an open warning: 1. alex, deteriorated (progress 28 → 16), not on track",
    );
    expect(chart.alt).not.toContain("bo,");

    // A week in which nobody needs attention: the digest alone.
    c.close();
    c = new Conversation({ digest: { day: "thu", time: "12:00" } });
    await c.enrol("rivera", "bo");
    await c.tick(60_000);
    c.clock.advance(WEEK);
    const quiet = await c.tick(60_000);
    expect(quiet.some((d) => d.message.text.startsWith("Weekly digest"))).toBe(true);
    expect(quiet.some((d) => d.message.chart)).toBe(false);
  });

  it("a queued chart is withdrawn when the client is erased", async () => {
    c = new Conversation();
    await c.enrol();
    await weeks(2);
    // Queued, not delivered: the engine handles the line and the worker does not run.
    await c.engine.handle(c.event("rivera", { kind: "text", text: "chart alex" }));
    const pending = async () =>
      (await c.store.pending({ channel: "console", recipient: "rivera" })).filter((r) => r.message.chart);
    expect(await pending()).toHaveLength(1);
    await c.engine.handle(c.event("rivera", { kind: "text", text: "discharge alex --erase --confirm" }));
    expect(await pending()).toHaveLength(0);
  });
});
