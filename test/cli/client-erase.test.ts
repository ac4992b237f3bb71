import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, runCli, script } from "../helpers/cli.js";

/**
 * `rapport client erase ALIAS`: the clinic's IT person erases a former client whose therapist has
 * left. Without --yes it says what would go and exits 1; with it, it erases and says what was
 * erased and what remains. The erasure itself is tested in test/engine/clinic-erase.test.ts.
 */
describe("rapport client erase", () => {
  it("asks for --yes first, then erases, saying what was erased and what remains; the therapist and client are told", async () => {
    const env = freshEnv();
    const rivera = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${rivera}`, "rivera: invite sam"]);
    const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
    await script(env, [
      `sam: start ${code}`,
      "sam: yes",
      "rivera: checkin sam",
      ...[9, 8, 7, 9, 5, 5, 4, 5, "no"].map((v) => `sam: ${v}`),
      "sam: the night bus again",
    ]);

    const unknown = await runCli(["client", "erase", "bob", "--yes"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no client "bob"');

    const asked = await runCli(["client", "erase", "sam"], env);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain("This would erase sam (a client of Dr Rivera), which cannot be undone:");
    expect(asked.stdout).toContain("- 1 check-in with every answer and 1 comment");
    expect(asked.stderr).toContain(
      "nothing was erased: erasing cannot be undone. To erase: rapport client erase sam --yes",
    );
    expect((await runCli(["status"], env)).stdout).toContain("Clients: 1 active");

    const erased = await runCli(["client", "erase", "sam", "--yes"], env);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(/^Erased sam \(a client of Dr Rivera\) on \d{4}-\d{2}-\d{2}:\n/);
    expect(erased.stdout).toContain(
      "What remains in rapport:\n- an audit line: a client was erased by the clinic on",
    );
    expect(erased.stdout).toContain("What rapport cannot erase:");
    expect((await runCli(["status"], env)).stdout).toContain(
      "Clients: 0 active, 0 paused, 0 invited or joining, 0 discharged or declined",
    );
    const told = await script(env, []);
    expect(told.find((m) => m.to === "rivera")?.text).toBe(
      "sam's data has been erased by the practice (rapport client erase). Nothing about them is kept.",
    );
    expect(told.find((m) => m.to === "sam")?.text).toBe(
      "Your practice erased everything rapport held about you. Take care.",
    );
    const again = await runCli(["client", "erase", "sam", "--yes"], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no client "sam"');
  }, 120_000);
});
