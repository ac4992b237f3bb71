import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, runCli, script } from "../helpers/cli.js";

/**
 * The risk path through the built CLI as a clinic runs it: the on-call setting checked at start,
 * and a paused client's disclosure answered with the crisis message and a warm line only.
 */
function withConfig(yaml: string): Record<string, string> {
  const env = freshEnv();
  const config = join(env.RAPPORT_DB ?? "", "..", "clinic.yaml");
  writeFileSync(config, yaml);
  return { ...env, RAPPORT_CONFIG: config };
}

describe("the risk path through the console", () => {
  it("stops start-up when risk.onCall names nobody registered, naming the setting", async () => {
    const env = withConfig("risk:\n  onCall: Dr Nobody\n");
    const result = await runCli(["console", "--json", "--script", "-"], env, "x: hello\n");
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('risk.onCall: no therapist named "Dr Nobody" is registered');
    // Registering them is what fixes it (therapist add does not need the on-call contact).
    await addTherapist(env, "Dr Nobody");
    expect((await runCli(["console", "--json", "--script", "-"], env, "x: hello\n")).code).toBe(0);
  });

  it("names an on-call contact nobody can have registered yet before creating the database, with the other problems", async () => {
    // Found only after the database was created and migrated, and after clinic.language was fixed.
    const env = withConfig("clinic:\n  language: fr\nrisk:\n  onCall: Dr Night\n");
    for (const command of [["console", "--script", "-"], ["serve"]]) {
      const result = await runCli(command, { ...env, PORT: "0" }, "", 10_000);
      expect(result.code).toBe(78);
      const lines = result.stderr.split("\n").filter((l) => l.startsWith("rapport: "));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('no prompts for language "fr"');
      expect(lines[1]).toContain('risk.onCall: no therapist named "Dr Night" is registered');
      expect(lines[1]).toContain("does not exist yet");
      expect(existsSync(env.RAPPORT_DB ?? "")).toBe(false);
    }
  });

  it("says at start that no on-call contact is set", async () => {
    const result = await runCli(["console", "--json", "--script", "-"], freshEnv(), "x: hello\n");
    expect(result.stderr).toContain("no on-call contact is set (risk.onCall)");
  });

  it("a paused client who discloses gets the crisis message and a warm line, and the therapist is alerted", async () => {
    const env = freshEnv();
    const link = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${link}`, "rivera: invite alex"]);
    const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
    await script(env, [`alex: start ${code}`, "alex: yes", "alex: stop"]);
    const out = await script(env, ["alex: I cannot go on, I've taken a bottle of pills", "rivera: clients"]);
    const toAlex = out.filter((m) => m.to === "alex");
    expect(toAlex.map((m) => m.urgent)).toEqual([true, false]);
    expect(toAlex[0]?.text).toContain("[DEMO SAMPLE TEXT");
    // Pills already taken: emergency help now, not "write to me whenever you want".
    expect(toAlex[1]?.text).toContain("Please get emergency help right now");
    const alert = out.find((m) => m.to === "rivera" && m.urgent);
    expect(alert?.text).toContain("I cannot go on, I've taken a bottle of pills");
    expect(alert?.text).toContain("This may be happening now: try to reach them at once");
    expect(alert?.choices).toEqual([{ label: "I've seen this", value: "seen 1" }]);
    expect(out.find((m) => m.to === "rivera" && m.text.startsWith("Your clients"))?.text).toContain(
      "URGENT alert 1 open (seen 1)",
    );
  });
});
