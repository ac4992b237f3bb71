import { describe, expect, it } from "vitest";
import { addTherapist, type ConsoleMessage, freshEnv, script } from "../helpers/cli.js";

/**
 * CLINICAL.md scenarios as console scripts through the built CLI: the warnings a therapist gets,
 * and the risk path with the clock moved by the script ("@wait").
 */
async function enrolled(
  extraEnv: Record<string, string> = {},
  before: (env: Record<string, string>) => Promise<void> = async () => {},
): Promise<Record<string, string>> {
  const env = freshEnv(extraEnv);
  // An on-call contact named in the config must be registered before anything starts.
  await before(env);
  const link = await addTherapist(env, "Dr Rivera");
  const setup = await script(env, [`rivera: link ${link}`, "rivera: invite alex"]);
  const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
  await script(env, [`alex: start ${code}`, "alex: yes"]);
  return env;
}

/** Lines for one whole check-in: 4 alliance items, 4 progress items, the safety answer, the comment. */
function checkin(alliance: number[], progress: number[], safety = "no", comment = "skip"): string[] {
  return ["rivera: checkin alex", ...[...alliance, ...progress, safety, comment].map((v) => `alex: ${v}`)];
}

/** The warnings sent now, folded into the check-in's one message: its "- " lines under "Warnings:". */
const warningsTo = (out: ConsoleMessage[], to = "rivera") =>
  out
    .filter((m) => m.to === to && m.text.startsWith("alex, check-in"))
    .flatMap((m) => {
      const lines = m.text.split("\n");
      const start = lines.indexOf("Warnings:");
      if (start < 0) return [];
      const end = lines.indexOf("", start);
      return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.startsWith("- "));
    })
    .map((text) => ({ text }));

describe("clinical scenarios through the console", () => {
  it("warns 'deteriorating' when progress falls by 5 or more from the first check-in", async () => {
    const env = await enrolled();
    await script(env, checkin([10, 10, 10, 10], [6, 6, 6, 6]));
    const out = await script(env, checkin([10, 10, 10, 10], [5, 5, 5, 4]));
    const warnings = warningsTo(out).map((m) => m.text);
    // A fall from 24 to 19 at the second check-in is also below the default trajectory's band.
    expect(warnings).toEqual([
      expect.stringContaining("Deteriorating (rule method): progress 19, -5 since the first check-in (24)"),
      expect.stringContaining(
        "Not on track (default trajectory): progress 19 after 2 answered progress check-ins",
      ),
    ]);
    const summary = out.find((m) => m.text.startsWith("alex, check-in 2 ·"))?.text;
    expect(summary).toContain("deteriorated (a reliable fall)");
    expect(summary).toContain("including about safety");
  });

  it("warns for an alliance of 35 and not for 36", async () => {
    const env = await enrolled();
    const low = await script(env, checkin([9, 9, 9, 8], [6, 6, 6, 6]));
    expect(warningsTo(low).map((m) => m.text)).toEqual([
      expect.stringContaining("Alliance 35, below 36: worth talking about"),
    ]);
    const env2 = await enrolled();
    const ok = await script(env2, checkin([9, 9, 9, 9], [6, 6, 6, 6]));
    expect(warningsTo(ok)).toEqual([]);
  });

  it("warns for an alliance drop from 38 to 37", async () => {
    const env = await enrolled();
    await script(env, checkin([10, 10, 9, 9], [6, 6, 6, 6]));
    const out = await script(env, checkin([10, 9, 9, 9], [6, 6, 6, 6]));
    expect(warningsTo(out).map((m) => m.text)).toEqual([
      expect.stringContaining("Alliance down 1, from 38 to 37"),
    ]);
  });

  it("warns 'no change yet' at the 4th progress check-in of a flat client, once", async () => {
    const env = await enrolled();
    for (let i = 1; i <= 3; i++) {
      const out = await script(env, checkin([10, 10, 10, 10], [5, 5, 5, 5]));
      expect(warningsTo(out)).toEqual([]);
    }
    const fourth = await script(env, checkin([10, 10, 10, 10], [5, 5, 5, 5]));
    expect(warningsTo(fourth).map((m) => m.text)).toEqual([
      expect.stringContaining(
        "No change yet (rule method): progress 20 after 4 answered progress check-ins, 0 since the first (20)",
      ),
    ]);
    const fifth = await script(env, checkin([10, 10, 10, 10], [5, 5, 5, 5]));
    expect(warningsTo(fifth)).toEqual([]);
    const summary = fifth.find((m) => m.text.startsWith("alex, check-in 5 ·"))?.text;
    expect(summary).toContain("Still in force: no change yet since check-in 4.");
  });

  it("on a yes to the safety question: crisis message to the client first, urgent alert, escalation to on-call", async () => {
    const config = `${process.env.TMPDIR ?? "/tmp"}/rapport-risk-${process.pid}-${Date.now()}.yaml`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(config, "risk:\n  onCall: Dr Night\n  escalateAfterMinutes: 30\n");
    let night = "";
    const env = await enrolled({ RAPPORT_CONFIG: config }, async (e) => {
      night = await addTherapist(e, "Dr Night");
    });
    await script(env, [`night: link ${night}`]);

    const out = await script(env, [
      ...checkin([9, 9, 9, 9], [4, 4, 4, 4], "yes").slice(0, 10),
      "@wait 29m",
      "alex: skip",
      "@wait 2m",
    ]);
    const safetyAt = out.findIndex((m) => m.to === "alex" && m.text.includes("thoughts of harming yourself"));
    const afterSafety = out.slice(safetyAt + 1);
    expect(afterSafety[0]?.to).toBe("alex");
    expect(afterSafety[0]?.urgent).toBe(true);
    expect(afterSafety[0]?.text).toContain("Thank you for telling me");
    expect(afterSafety[0]?.text).toContain("[DEMO SAMPLE TEXT");
    const urgent = out.find((m) => m.to === "rivera" && m.text.startsWith("URGENT"));
    expect(urgent?.urgent).toBe(true);
    expect(urgent?.choices).toEqual([
      { label: "I've seen this", value: expect.stringMatching(/^seen \d+$/) },
    ]);
    // After the crisis message a warm line, nothing procedural; only the comment was left, so the
    // summary goes with the alert.
    expect(afterSafety.filter((m) => m.to === "alex")[1]?.text).toContain(
      "Your answers are saved and on their way",
    );
    expect(afterSafety.some((m) => m.to === "alex" && m.text.startsWith("Last one"))).toBe(false);
    expect(out.find((m) => m.text.startsWith("alex, check-in 1 ·"))?.text).toContain("Safety question: yes.");
    // Not escalated at 29 minutes (the comment came then), escalated after 31, and the therapist told.
    const escalated = out.filter((m) => m.to === "night");
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.text).toContain("URGENT, on-call");
    expect(escalated[0]?.text).toContain("a client of Dr Rivera, has not been acknowledged for 31 minutes");
    expect(escalated[0]?.text).toContain("answered yes to the safety question");
    expect(
      out.some((m) => m.to === "rivera" && m.text.includes("it went to the on-call contact, Dr Night")),
    ).toBe(true);
    expect(out.indexOf(escalated[0] as ConsoleMessage)).toBeGreaterThan(
      out.findIndex((m) => m.text.startsWith("alex, check-in 1 ·")),
    );
  });

  it("does not escalate an alert the therapist acknowledged in time", async () => {
    const config = `${process.env.TMPDIR ?? "/tmp"}/rapport-risk-ack-${process.pid}-${Date.now()}.yaml`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(config, "risk:\n  onCall: Dr Night\n");
    let night = "";
    const env = await enrolled({ RAPPORT_CONFIG: config }, async (e) => {
      night = await addTherapist(e, "Dr Night");
    });
    await script(env, [`night: link ${night}`]);
    const first = await script(env, checkin([9, 9, 9, 9], [4, 4, 4, 4], "no", "I want to die"));
    const urgent = first.find((m) => m.to === "rivera" && m.text.startsWith("URGENT"));
    expect(urgent?.text).toContain('matched: "want to die"');
    // The words are kept as the comment and the check-in completes; the client gets the crisis
    // message and a warm line, not the procedural thanks.
    const toAlex = first.filter((m) => m.to === "alex").slice(-2);
    expect(toAlex[0]?.urgent).toBe(true);
    expect(toAlex[1]?.text).toContain("I'm glad you told me");
    expect(first.some((m) => m.text.startsWith("Thank you, that's everything"))).toBe(false);
    const summary = first.find((m) => m.text.startsWith("alex, check-in 1 ·"))?.text ?? "";
    expect(summary).toContain('disclosure: "I want to die" (matched: "want to die")');
    expect(summary).toContain("Comment: I want to die");
    const seen = urgent?.choices[0]?.value ?? "";
    const ack = await script(env, [`rivera: ${seen}`, "@wait 45m"]);
    expect(ack[0]?.text).toBe("Alert 1 about alex marked as seen. Thank you.");
    expect(ack.filter((m) => m.to === "night")).toEqual([]);
  });

  it("@wait runs each timed step when it falls due: the reminder comes, not skipped at the end as past the expiry", async () => {
    const env = await enrolled();
    // One jump of two days ran the reminder only at the end, past the check-in's expiry: skipped.
    const out = await script(env, ["rivera: checkin alex", "alex: 7", "@wait 2d1h"]);
    const after = out.slice(out.findIndex((m) => m.to === "alex" && m.text.startsWith("2/")) + 1);
    expect(after.filter((m) => m.to === "alex").map((m) => m.text.split(":")[0])).toEqual([
      "A gentle reminder",
      expect.stringMatching(/^2\/9\. /),
    ]);
  });
});
