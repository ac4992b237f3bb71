import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, script } from "../helpers/cli.js";

/**
 * A check-in that falls due while no rapport process runs is sent once at the next start, and
 * not again after that. Each console run is a separate process; "@wait" moves that run's clock.
 */
describe("scheduled check-ins across a restart", () => {
  it("sends a check-in that fell due while the process was down exactly once", async () => {
    // No quiet hours: this test runs at any time of day.
    const config = join(mkdtempSync(join(tmpdir(), "rapport-restart-")), "clinic.yaml");
    writeFileSync(config, 'schedule:\n  quietHours: { start: "00:00", end: "00:00" }\n');
    const env = freshEnv({ RAPPORT_CONFIG: config });
    const link = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${link}`, "rivera: invite alex"]);
    const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
    await script(env, [`alex: start ${code}`, "alex: yes"]);

    const first = await script(env, ["rivera: session alex now 50m"]);
    expect(first.map((m) => m.text)).toEqual([expect.stringContaining("Session for alex noted")]);

    // The process is down across the due time (session end + 10 minutes); the next run is 61 minutes later.
    const second = await script(env, ["@wait 61m"]);
    const intros = (out: { to: string; text: string }[]) =>
      out.filter((m) => m.to === "alex" && m.text.startsWith("Time for your check-in"));
    expect(intros(second)).toHaveLength(1);

    const third = await script(env, ["@wait 3h"]);
    expect(intros(third)).toHaveLength(0);
    const fourth = await script(env, ["@wait 61m", "@wait 61m"]);
    expect(intros(fourth)).toHaveLength(0);
  });
});
