import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addTherapist, freshEnv, runCli, script } from "../helpers/cli.js";

/** `rapport export`: CSV with one row per answer, and a FHIR R4 Bundle, under pseudonyms only. */
describe("rapport export", () => {
  it("exports every answer of a completed check-in as CSV and as FHIR, without the alias", async () => {
    const env = freshEnv();
    const link = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${link}`, "rivera: invite zephyrine"]);
    const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
    await script(env, [
      `client-9: start ${code}`,
      "client-9: yes",
      "rivera: checkin zephyrine",
      ...["9", "8", "7.5", "10", "5", "6", "4", "5", "no", "skip"].map((v) => `client-9: ${v}`),
    ]);

    const csv = await runCli(["export", "--format", "csv"], env);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe("client,episode,checkin,instrument,item,value,answered_at");
    expect(lines).toHaveLength(10);
    expect(lines[3]).toMatch(/^p-[0-9a-f]{12},1,1,alliance,approach,7\.5,\d{4}-\d\d-\d\dT[\d:.]+\+00:00$/);
    expect(csv.stdout).not.toContain("zephyrine");

    const fhir = await runCli(["export", "--format", "fhir"], env);
    const bundle = JSON.parse(fhir.stdout) as {
      resourceType: string;
      entry: { resource: Record<string, unknown> }[];
    };
    expect(bundle.resourceType).toBe("Bundle");
    const responses = bundle.entry
      .map((e) => e.resource)
      .filter((r) => r.resourceType === "QuestionnaireResponse");
    const alliance = responses.find((r) => String(r.questionnaire).endsWith("/alliance")) as {
      status: string;
      item: { linkId: string; answer: { valueDecimal: number }[] }[];
      subject: { identifier: { value: string } };
    };
    expect(alliance.status).toBe("completed");
    expect(alliance.item.find((i) => i.linkId === "total")?.answer[0]?.valueDecimal).toBe(34.5);
    expect(alliance.subject.identifier.value).toMatch(/^p-/);
    const questionnaires = bundle.entry
      .map((e) => e.resource)
      .filter((r) => r.resourceType === "Questionnaire");
    expect(questionnaires.map((q) => q.id)).toEqual(["alliance", "progress", "safety"]);
    expect(fhir.stdout).not.toContain("zephyrine");

    // Written to a file, under pseudonyms still health data: the owner's only, a file there before too.
    const dir = (env.RAPPORT_DB ?? "").replace(/[^/]+$/u, "");
    const out = join(dir, "answers.csv");
    writeFileSync(out, "", { mode: 0o644 });
    const written = await runCli(["export", "--format", "CSV", "--out", out], env);
    expect(written.code).toBe(0);
    // It said nothing: where it wrote, and how much, is said now.
    expect(written.stdout).toMatch(
      new RegExp(`^Wrote ${out}: \\d+ rows, one per answer, as CSV\\.\\n$`, "u"),
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const fhirOut = join(dir, "bundle.json");
    const fhirWritten = await runCli(["export", "--format", "fhir", "--out", fhirOut], env);
    expect(fhirWritten.stdout).toMatch(/: \d+ answers as a FHIR R4 Bundle\.\n$/u);
    expect(statSync(fhirOut).mode & 0o777).toBe(0o600);

    const bad = await runCli(["export", "--format", "xml"], env);
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain("--format must be csv, fhir or png");
  });

  it("numbers each client's episodes from 1, not the database's episodes of all clients", async () => {
    const env = freshEnv();
    const link = await addTherapist(env, "Dr Rivera");
    const setup = await script(env, [`rivera: link ${link}`, "rivera: invite ana", "rivera: invite ben"]);
    const codes = setup.flatMap((m) => [...m.text.matchAll(/^start (\S+)$/gmu)].map((x) => x[1]));
    const answers = (who: string) =>
      ["9", "8", "7.5", "10", "5", "6", "4", "5", "no", "skip"].map((v) => `${who}: ${v}`);
    await script(env, [
      `client-a: start ${codes[0]}`,
      "client-a: yes",
      `client-b: start ${codes[1]}`,
      "client-b: yes",
      "rivera: checkin ana",
      ...answers("client-a"),
      "rivera: checkin ben",
      ...answers("client-b"),
      "rivera: discharge ana",
      "rivera: checkin ana",
      ...answers("client-a"),
    ]);
    const rows = (await runCli(["export", "--format", "csv"], env)).stdout.trim().split("\n").slice(1);
    // Per check-in: the client's pseudonym, the episode and the check-in's number in it.
    const checkins = [...new Set(rows.map((r) => r.split(",").slice(0, 3).join(",")))];
    const [ana, ben] = [...new Set(checkins.map((r) => r.split(",")[0]))];
    expect(checkins).toEqual([`${ana},1,1`, `${ben},1,1`, `${ana},2,1`]);

    const fhir = JSON.parse((await runCli(["export", "--format", "fhir"], env)).stdout) as {
      entry: {
        resource: {
          resourceType: string;
          extension?: { valueReference: { identifier: { value: string } } }[];
        };
      }[];
    };
    const episodes = fhir.entry
      .flatMap((e) => e.resource.extension ?? [])
      .map((x) => x.valueReference.identifier.value);
    expect([...new Set(episodes)]).toEqual([`${ana}-1`, `${ben}-1`, `${ana}-2`]);
  }, 90_000);
});
