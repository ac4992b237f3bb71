import { afterEach, describe, expect, it } from "vitest";
import {
  checkinSafetyLine,
  episodeSafetyLine,
  type SafetyFact,
  type SafetyState,
} from "../../src/engine/risk/safety-answers.js";
import type { Delivery } from "../../src/model.js";
import { loadPrompts } from "../../src/prompts/load.js";
import { wordingFor } from "../../src/prompts/render.js";
import { Conversation, PROMPTS_DIR } from "../helpers/conversation.js";

/**
 * The safety question can be asked twice about one moment: as the check-in's own question, and
 * again on the risk path after the client writes something hopeless (a concern). Each message to
 * the therapist states the answers once, on one line, the most serious first: never "no" on one
 * line and "yes" or "no answer yet" on another.
 */
let c: Conversation;
afterEach(() => c?.close());

const WEEK = 7 * 24 * 3_600_000;
const HOPELESS = "honestly I don't see the point in going on anymore";

const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);
const reportOf = (ds: Delivery[]) =>
  texts(ds, "rivera").find((t) => /check-in 3|cuestionario 3|Check-in 3/.test(t)) ?? "";

/**
 * Three weekly check-ins, each with "no" (0) to the check-in's safety question; the third one's
 * comment is a concern, so the safety question is asked again at once. Returns what the third
 * check-in's last answer delivered (its report among it).
 */
async function threeCheckinsThenHopeless(): Promise<Delivery[]> {
  let last: Delivery[] = [];
  for (let i = 0; i < 3; i++) {
    await c.say("rivera", "checkin alex");
    last = await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5, 5, 0], i === 2 ? HOPELESS : "skip");
    if (i < 2) c.clock.advance(WEEK);
  }
  return last;
}

/** The lines that state a safety answer, by the label the language gives them. */
function safetyLines(text: string, label: string): string[] {
  return text.split("\n").filter((l) => l.includes(`${label}:`));
}

describe("the safety answers, once per message (English)", () => {
  it("the check-in's report: the question asked after the comment has no answer yet; the check-in's own was no", async () => {
    c = new Conversation();
    await c.enrol();
    const report = reportOf(await threeCheckinsThenHopeless());
    const lines = report.split("\n");
    expect(lines[2]).toBe("Risk:");
    expect(lines[3]).toBe(
      `- Dec 10, 2026, 10:00 AM UTC, concern: "${HOPELESS}" (matched: "don't see the point in going on")`,
    );
    expect(lines[4]).toBe(
      "Safety question: no answer yet when asked after what they wrote; no in the check-in.",
    );
    expect(safetyLines(report, "Safety question")).toEqual([lines[4]]);
  });

  it("the compact report keeps the safety answers with the risk", async () => {
    c = new Conversation({ summaries: "compact" });
    await c.enrol();
    const report = reportOf(await threeCheckinsThenHopeless());
    expect(safetyLines(report, "Safety question")).toEqual([
      "Safety question: no answer yet when asked after what they wrote; no in the check-in.",
    ]);
  });

  it("summary ALIAS after a yes to the question asked again: the yes first, then the check-ins' no", async () => {
    c = new Conversation();
    await c.enrol();
    await threeCheckinsThenHopeless();
    const yes = await c.say("alex", "ya kinda");
    expect(yes.some((d) => d.externalId === "rivera" && d.message.urgent)).toBe(true);
    const text = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    expect(safetyLines(text, "Safety question")).toEqual([
      "Safety question: yes on Dec 10, 2026, when asked after what they wrote (urgent alert sent); no each time a check-in asked it up to Dec 10, 2026 (3).",
    ]);
    // The concern answered yes is one line, the yes after the client's words; then the open alert.
    expect(text).not.toContain(`concern: "${HOPELESS}"`);
    expect(text).toContain(
      `disclosure: they answered "ya kinda" to the safety question (thoughts of harming themselves or ending their life), read as a yes, after writing "${HOPELESS}" (matched: "don't see the point in going on").`,
    );
    expect(text).toContain("OPEN: urgent alert 1 is not acknowledged yet (seen 1).");
    // `--all` has no safety line of its own: the yes is there as the disclosure line.
    const all = (await c.say("rivera", "summary alex --all"))[0]?.message.text ?? "";
    expect(all).toContain(
      `read as a yes, after writing "${HOPELESS}" (matched: "don't see the point in going on").`,
    );
  });

  it("summary ALIAS: with a check-in after the yes, the check-ins' no gives its latest date", async () => {
    c = new Conversation();
    await c.enrol();
    await threeCheckinsThenHopeless();
    await c.say("alex", "ya kinda");
    await c.say("rivera", "seen 1");
    c.clock.advance(WEEK);
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5, 5, 0]);
    const text = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    expect(safetyLines(text, "Safety question")).toEqual([
      "Safety question: yes on Dec 10, 2026, when asked after what they wrote (urgent alert sent); no each time a check-in asked it (4, the last on Dec 17, 2026).",
    ]);
  });

  it("summary ALIAS when nothing but the check-ins asked: as before", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    await c.answerAll("alex", [9, 9, 9, 9, 5, 5, 5, 5, 0]);
    const text = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    expect(safetyLines(text, "Safety question")).toEqual(["Safety question: no each time it was asked (1)."]);
  });
});

describe.each([
  {
    language: "es",
    label: "Pregunta de seguridad",
    report:
      "Pregunta de seguridad: todavía sin respuesta al preguntarle tras lo que escribió; no en el cuestionario.",
    summary:
      "Pregunta de seguridad: sí el 10 dic 2026 al preguntarle tras lo que escribió (se envió una alerta urgente); hasta el 10 dic 2026, no cada vez que se hizo en los cuestionarios (3).",
  },
  {
    language: "de",
    label: "Sicherheitsfrage",
    report: "Sicherheitsfrage: noch keine Antwort, gestellt im Anschluss an die Nachricht; nein im Check-in.",
    summary:
      "Sicherheitsfrage: ja am 10.12.2026, gestellt im Anschluss an die Nachricht (dringende Meldung gesendet); bis zum 10.12.2026 jedes Mal nein in den Check-ins (3).",
  },
])("the safety answers, once per message ($language)", ({ language, label, report, summary }) => {
  it("in the check-in's report and in summary ALIAS", async () => {
    c = new Conversation({ clinic: { language } });
    await c.enrol();
    const text = reportOf(await threeCheckinsThenHopeless());
    expect(safetyLines(text, label)).toEqual([report]);
    await c.say("alex", "ya kinda");
    const before = (await c.say("rivera", "summary alex"))[0]?.message.text ?? "";
    expect(safetyLines(before, label)).toEqual([summary]);
  });
});

describe("the safety line, from the answers alone", () => {
  const w = wordingFor(loadPrompts(PROMPTS_DIR), "en");
  const day = (iso: string) => iso.slice(0, 10);
  const checkin = (answer: "yes" | "no", from: string, at = from): SafetyFact => ({
    way: "checkin",
    answer,
    from,
    at,
  });
  const askedAfter = (answer: SafetyState, at: string): SafetyFact => ({
    way: "after_words",
    answer,
    at,
    from: at,
  });

  it("names a yes in the check-in with its date, and counts the check-ins since it", () => {
    const facts = [checkin("yes", "2026-12-01T10:00:00Z"), checkin("no", "2026-12-08T10:00:00Z")];
    expect(episodeSafetyLine(w, facts, day, "alex")).toBe(
      "Safety question: yes on 2026-12-01, in the check-in (urgent alert sent); no each time a check-in asked it since (1).",
    );
  });

  it("does not call a check-in before or since a concern that came while it was open", () => {
    const facts = [
      checkin("no", "2026-12-01T10:00:00Z", "2026-12-01T10:20:00Z"),
      askedAfter("none", "2026-12-01T10:05:00Z"),
    ];
    expect(episodeSafetyLine(w, facts, day, "alex")).toBe(
      "Safety question: not answered when asked on 2026-12-01 after what they wrote; no each time a check-in asked it (1, the last on 2026-12-01).",
    );
  });

  it("names the three most serious, latest first, and counts the rest", () => {
    const facts = [
      askedAfter("no", "2026-12-01T10:00:00Z"),
      askedAfter("yes", "2026-12-02T10:00:00Z"),
      askedAfter("none", "2026-12-03T10:00:00Z"),
      askedAfter("pending", "2026-12-04T10:00:00Z"),
      askedAfter("yes", "2026-12-05T10:00:00Z"),
    ];
    expect(episodeSafetyLine(w, facts, day, "alex")).toBe(
      "Safety question: yes on 2026-12-05, when asked after what they wrote (urgent alert sent); " +
        "yes on 2026-12-02, when asked after what they wrote (urgent alert sent); " +
        "no answer yet when asked on 2026-12-04 after what they wrote; 2 more (summary alex --all lists them).",
    );
  });

  it("says when the question was never asked, and keeps the check-in's own answer alone as it read", () => {
    expect(episodeSafetyLine(w, [], day, "alex")).toBe("Safety question: not asked in this episode.");
    expect(checkinSafetyLine(w, [])).toBeUndefined();
    expect(checkinSafetyLine(w, [checkin("yes", "2026-12-01T10:00:00Z")])).toBe(
      "Safety question: yes. The urgent alert came separately.",
    );
    expect(checkinSafetyLine(w, [askedAfter("pending", "2026-12-01T10:00:00Z")])).toBe(
      "Safety question: no answer yet when asked after what they wrote.",
    );
  });
});

describe("a yes typed in the client's own words", () => {
  const urgentText = (ds: Delivery[]) =>
    ds.find((d) => d.externalId === "rivera" && d.message.urgent)?.message.text ?? "";
  const toSafety = async () => {
    await c.say("rivera", "checkin alex");
    for (const v of [8, 7, 8, 8, 6, 5, 4, 5]) await c.say("alex", String(v));
  };

  it("is quoted to the therapist, in the alert and in the summary: how often is theirs to say", async () => {
    c = new Conversation();
    await c.enrol();
    await toSafety();
    const alert = urgentText(await c.say("alex", "sometimes yeah 😔"));
    expect(alert).toContain(
      'disclosure: they answered "sometimes yeah 😔" to the safety question (thoughts of harming themselves or ending their life), read as a yes.',
    );
    const [summary] = await c.say("rivera", "summary alex");
    expect(summary?.message.text).toContain('they answered "sometimes yeah 😔" to the safety question');
  });

  it("is not quoted when it is the choice itself, typed or pressed", async () => {
    for (const answer of ["Yes", "yes!", "1", "press"]) {
      c = new Conversation();
      await c.enrol();
      await toSafety();
      const replies = answer === "press" ? await c.press("alex", "1") : await c.say("alex", answer);
      expect(urgentText(replies), answer).toContain(
        "disclosure: they answered yes to the safety question (thoughts of harming themselves or ending their life).",
      );
      c.close();
    }
  });

  it("is quoted in the client's language after words of concern", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "es hat alles keinen sinn mehr");
    const alert = urgentText(await c.say("alex", "ja manchmal"));
    expect(alert).toContain('"ja manchmal"');
    expect(alert).toContain('after writing "es hat alles keinen sinn mehr"');
  });
});
