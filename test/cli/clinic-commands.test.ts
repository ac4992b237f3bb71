import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, runCli, script } from "../helpers/cli.js";

/** The clinic's IT person manages therapists and clients from the command line. */
describe("clinic management on the command line", () => {
  it("refuses a second therapist of the same name, lists them, and gives a new link code that voids the old", async () => {
    const env = freshEnv();
    const first = await addTherapist(env, "Dr Rivera");
    const again = await runCli(["therapist", "add", " dr  rivera "], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a therapist named "dr rivera" already exists');
    const hidden = await runCli(["therapist", "add", "Dr \u202EEvil"], env);
    // The code alone on the last line (DESIGN.md), for scripts that register therapists.
    expect(hidden.stdout.trimEnd().split("\n").at(-1)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await runCli(["therapist", "list"], env)).stdout).toContain("Dr Evil: not linked yet");
    expect(hidden.code).toBe(0);
    await addTherapist(env, "Dr Night");
    const list = await runCli(["therapist", "list"], env);
    expect(list.stdout).toBe(
      "Dr Evil: not linked yet, 0 clients\nDr Night: not linked yet, 0 clients\nDr Rivera: not linked yet, 0 clients\n",
    );
    const renewed = await runCli(["therapist", "code", "Dr Rivera"], env);
    expect(renewed.code).toBe(0);
    // The code alone on the last line, as for therapist add.
    const code = renewed.stdout.trimEnd().split("\n").at(-1);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const old = await script(env, [`rivera: link ${first}`]);
    expect(old[0]?.text).not.toMatch(/^Linked/);
    const fresh = await script(env, [`rivera: link ${code}`]);
    expect(fresh[0]?.text).toMatch(/Dr Rivera/);
    expect((await runCli(["therapist", "list"], env)).stdout).toContain("Dr Rivera: linked, 0 clients");
  });

  it("moves a client, tells both therapists, removes a therapist only once their clients are moved, and counts", async () => {
    const env = freshEnv();
    const rivera = await addTherapist(env, "Dr Rivera");
    const night = await addTherapist(env, "Dr Night");
    const setup = await script(env, [
      `rivera: link ${rivera}`,
      `night: link ${night}`,
      "rivera: invite sam",
      "rivera: invite sam",
    ]);
    const invites = setup.filter((m) => m.to === "rivera" && m.text.startsWith("Invite"));
    expect(invites[1]?.text).toContain("The earlier invite code for sam no longer works");
    const code = /^start (\S+)$/m.exec(invites[1]?.text ?? "")?.[1];
    await script(env, [`sam: start ${code}`, "sam: yes", "sam: stop"]);
    const refused = await runCli(["therapist", "remove", "Dr Rivera", "--without-config"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("still has 1 client(s), discharged ones included: sam.");
    const moved = await runCli(["client", "move", "sam", "--to", "Dr Night"], env);
    expect(moved.code).toBe(0);
    const told = await script(env, ["night: clients"]);
    expect(told.find((m) => m.to === "night" && m.text.startsWith("sam is now your client"))?.text).toContain(
      "moved from Dr Rivera",
    );
    expect(told.find((m) => m.to === "rivera")?.text).toBe(
      "sam has moved to Dr Night: their check-ins now go to them.",
    );
    // The client is told who sees their answers now.
    expect(told.find((m) => m.to === "sam")?.text).toContain("from Dr Rivera to Dr Night");
    expect((await runCli(["therapist", "remove", "Dr Rivera", "--without-config"], env)).code).toBe(0);
    const status = await runCli(["status"], env);
    expect(status.stdout).toContain("Therapists: 1\n");
    expect(status.stdout).toContain(
      "Clients: 0 active, 1 paused, 0 invited or joining, 0 discharged or declined",
    );
    expect(status.stdout).toContain("Urgent alerts not acknowledged: 0");
  });

  it("refuses to move a client to a therapist who has not linked a chat, saying they link first", async () => {
    const env = freshEnv();
    const rivera = await addTherapist(env, "Dr Rivera");
    const kline = await addTherapist(env, "Dr Kline");
    const setup = await script(env, [`rivera: link ${rivera}`, "rivera: invite alex"]);
    const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
    await script(env, [`alex: start ${code}`, "alex: yes"]);
    // Moved, alex's urgent alert would have gone to nobody (a failed row, nothing logged).
    const refused = await runCli(["client", "move", "alex", "--to", "Dr Kline"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Dr Kline has not linked a chat with rapport yet");
    expect(refused.stderr).toContain("Nothing was changed. First Dr Kline types link and their code");
    expect((await runCli(["therapist", "list"], env)).stdout).toBe(
      "Dr Kline: not linked yet, 0 clients\nDr Rivera: linked, 1 client\n",
    );
    await script(env, [`kline: link ${kline}`]);
    const moved = await runCli(["client", "move", "alex", "--to", "Dr Kline"], env);
    expect(moved.code).toBe(0);
    const alert = await script(env, ["alex: i want to kill myself"]);
    expect(alert.some((m) => m.to === "kline" && m.urgent)).toBe(true);
  });

  it("counts a client their therapist discharged as discharged, and as active once asked again", async () => {
    const env = freshEnv();
    const rivera = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${rivera}`, "rivera: invite sam"]);
    const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
    await script(env, [`sam: start ${code}`, "sam: yes", "rivera: checkin sam", "rivera: discharge sam"]);
    const discharged = await runCli(["status"], env);
    expect(discharged.stdout).toContain(
      "Clients: 0 active, 0 paused, 0 invited or joining, 1 discharged or declined",
    );
    // The next check-in begins a new episode: in the caseload again, and counted so.
    await script(env, ["rivera: checkin sam"]);
    const again = await runCli(["status"], env);
    expect(again.stdout).toContain(
      "Clients: 1 active, 0 paused, 0 invited or joining, 0 discharged or declined",
    );
    expect(again.stdout).toContain("Open check-ins: 1");
  });

  it("refuses to remove the clinic's on-call therapist, saying to change risk.onCall first, and changes nothing", async () => {
    const env = freshEnv();
    const config = join(dirname(env.RAPPORT_DB ?? ""), "clinic.yaml");
    writeFileSync(config, "risk:\n  onCall: Dr Night\n");
    const withOnCall = { ...env, RAPPORT_CONFIG: config };
    // The practice's database, as rapport serve would have made it (status creates none).
    expect((await runCli(["migrate"], withOnCall)).code).toBe(0);
    // status names the on-call contact, and says so when nobody registered has that name.
    expect((await runCli(["status"], withOnCall)).stdout).toContain(
      'On-call contact (risk.onCall): "Dr Night" is NOT a registered therapist',
    );
    await addTherapist(withOnCall, "Dr Night");
    expect((await runCli(["status"], withOnCall)).stdout).toContain(
      "On-call contact (risk.onCall): Dr Night\n",
    );
    // Named in another case, as the IT person may type it: still the on-call therapist.
    const refused = await runCli(["therapist", "remove", "dr night"], withOnCall);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`"Dr Night" is the clinic's on-call contact (risk.onCall`);
    expect(refused.stderr).toContain("Nothing was changed. First set risk.onCall to another therapist");
    expect((await runCli(["therapist", "list"], withOnCall)).stdout).toBe(
      "Dr Night: not linked yet, 0 clients\n",
    );
    // The next start still works, as it would not had the removal gone through.
    const started = await runCli(["console", "--script", "-"], withOnCall, "x: help\n");
    expect(started.stderr).not.toContain("configuration error");
    expect(started.code).toBe(0);
    // Once risk.onCall names someone else (or nobody), the removal goes through.
    writeFileSync(config, "risk: {}\n");
    expect((await runCli(["therapist", "remove", "Dr Night"], withOnCall)).code).toBe(0);
  });
  it("without RAPPORT_CONFIG, refuses, naming RAPPORT_CONFIG, unless told the clinic has no config file", async () => {
    const env = freshEnv();
    delete env.RAPPORT_CONFIG;
    await addTherapist(env, "Dr Night");
    // The clinic's config (risk.onCall: Dr Night) is not read from a shell that lacks the variable:
    // removed, the next rapport serve with that file would not start.
    const refused = await runCli(["therapist", "remove", "Dr Night"], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(
      'cannot check whether "Dr Night" is the clinic\'s on-call contact (risk.onCall): RAPPORT_CONFIG is not set',
    );
    expect(refused.stderr).toContain("Nothing was changed.");
    expect(refused.stderr).toContain('rapport therapist remove "Dr Night" --without-config');
    expect((await runCli(["therapist", "list"], env)).stdout).toBe("Dr Night: not linked yet, 0 clients\n");
    // The operator's word that the clinic runs without a config file.
    const removed = await runCli(["therapist", "remove", "Dr Night", "--without-config"], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe('Removed therapist "Dr Night".\n');
    // With the clinic's config file read, there is nothing to warn about.
    const config = join(dirname(env.RAPPORT_DB ?? ""), "clinic.yaml");
    writeFileSync(config, "risk: {}\n");
    const withConfig = { ...env, RAPPORT_CONFIG: config };
    await addTherapist(withConfig, "Dr Day");
    const checked = await runCli(["therapist", "remove", "Dr Day"], withConfig);
    expect(checked.code).toBe(0);
    expect(checked.stderr).not.toContain("risk.onCall");
    expect((await runCli(["status"], env)).stdout).toContain(
      "On-call contact (risk.onCall): not checked, RAPPORT_CONFIG is not set",
    );
    expect((await runCli(["status"], withConfig)).stdout).toContain("On-call contact (risk.onCall): none;");
  });
});
