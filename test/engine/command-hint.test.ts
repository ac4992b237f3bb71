import { afterEach, describe, expect, it } from "vitest";
import { commandHint, commandHintOf, editDistance } from "../../src/engine/commands/command-hint.js";
import { Conversation } from "../helpers/conversation.js";

describe("what a therapist probably meant", () => {
  it.each([
    ["summry alex", "summary alex"],
    ["Sumary alex --all", "summary alex --all"],
    ["chekin alex", "checkin alex"],
    ["checkn alex", "checkin alex"],
    ["clinets", "clients"],
    ["/invte sam", "invite sam"],
    ["schedul alex weekly mon 09:00 50m", "schedule alex weekly mon 09:00 50m"],
    ["sumary", "summary ALIAS"],
    ["erase alex", "discharge alex --erase"],
    ["delete alex", "discharge alex"],
    ["resume alex", "pause alex off"],
    ["ack 3", "seen 3"],
    ["history alex", "summary alex --all"],
    ["holiday alex 2026-12-24..2027-01-02", "pause alex 2026-12-24..2027-01-02"],
    // The days take every word left, a length too.
    ["holiday alex dec 24 - jan 2", "pause alex dec 24 - jan 2"],
    ["vacation alex 2 weeks", "pause alex 2 weeks"],
    ["holiday alex", "pause alex FROM..TO|LENGTH"],
    ["list", "clients"],
    ["digest", "clients"],
    ["graph alex", "chart alex"],
    ["check in jordan", "checkin jordan"],
    ["Check In", "checkin ALIAS"],
    ["time zone alex Europe/Berlin", "timezone alex Europe/Berlin"],
  ])("%s: %s", (typed, meant) => {
    expect(commandHint(typed)).toBe(meant);
  });

  it.each([
    ["zusammenfassung jonas", "summary jonas"],
    ["Zusammenfassung von Jonas bitte", "summary Jonas"],
    ["klienten", "clients"],
    ["Klientinnen", "clients"],
    ["grafik jonas", "chart jonas"],
    // An appointment is one session; `session` reads the weekday.
    ["termin jonas di 17:00", "session jonas di 17:00"],
    ["termin", "session ALIAS now"],
    ["verlauf jonas", "summary jonas --all"],
    ["löschen jonas", "discharge jonas"],
    ["gesehen 3", "seen 3"],
    ["hilfe bitte", "help"],
    ["resumen lucia", "summary lucia"],
    ["resumen de lucia porfa", "summary lucia"],
    ["clientes", "clients"],
    ["pacientes", "clients"],
    ["gráfico de lucia", "chart lucia"],
    ["grafico lucia", "chart lucia"],
    ["agenda lucia martes 17:00", "schedule lucia martes 17:00"],
    ["sesión lucia mañana 15:00", "session lucia mañana 15:00"],
    ["pausa lucia 24.12.-2.1.", "pause lucia 24.12.-2.1."],
    ["pausa", "pause ALIAS FROM..TO|LENGTH"],
    ["zona horaria de lucia Europe/Madrid", "timezone lucia Europe/Madrid"],
    ["ayuda", "help"],
  ])("in German or Spanish, %s: %s", (typed, meant) => {
    expect(commandHintOf(typed)).toEqual({ suggestion: meant, translated: true });
  });

  it("guesses nothing from ordinary words, short words or words close to two commands", () => {
    for (const typed of [
      "hello there",
      "thanks",
      "ok",
      "ace alex",
      "what can you do?",
      "",
      "sesion alex x",
    ]) {
      expect(commandHint(typed), typed).toBe(typed === "sesion alex x" ? "session alex x" : undefined);
    }
    expect(commandHint("xyzzy")).toBeUndefined();
  });

  it("counts a swap of two letters as one slip", () => {
    expect(editDistance("clinets", "clients")).toBe(1);
    expect(editDistance("summry", "summary")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("the hint in the conversation", () => {
  let c: Conversation;
  afterEach(() => c.close());

  it("answers a typo with the command written out, and runs nothing", async () => {
    c = new Conversation();
    await c.enrol();
    const replies = await c.say("rivera", "chekin alex");
    expect(replies.map((d) => [d.externalId, d.message.text])).toEqual([
      [
        "rivera",
        "I didn't understand that. Did you mean: checkin alex\nType help to see everything you can do.",
      ],
    ]);
    // Nothing is erased on a guess either.
    const [erase] = await c.say("rivera", "erase alex");
    expect(erase?.message.text).toContain("Did you mean: discharge alex --erase");
    expect((await c.client("alex"))?.status).toBe("active");
    // A sentence's full stop after the alias is not part of it.
    const [summary] = await c.say("rivera", "summary Alex.");
    expect(summary?.message.text).toMatch(/^alex/);
    const [none] = await c.say("rivera", "summary jordan.");
    expect(none?.message.text).toBe("You have no client called jordan.");
    const [plain] = await c.say("rivera", "good morning");
    expect(plain?.message.text).toBe("I didn't understand that. Type help to see what you can do.");
  });

  it("never says a client they have does not exist: extra words, an @ or a missing accent get the command written out", async () => {
    c = new Conversation();
    await c.enrol("rivera", "alex");
    await c.enrol("rivera", "josé");
    const hint = (s: string) =>
      `I didn't understand that. Did you mean: ${s}\nType help to see everything you can do.`;
    const reply = async (text: string) => (await c.say("rivera", text))[0]?.message.text;
    expect(await reply("summary alex please")).toBe(hint("summary alex"));
    expect(await reply("checkin alex now")).toBe(hint("checkin alex"));
    expect(await reply("summary @alex")).toBe(hint("summary alex"));
    expect(await reply("summary jose")).toBe(hint("summary josé"));
    // A slip of one letter in a name of three or more.
    expect(await reply("checkin alx")).toBe(hint("checkin alex"));
    expect(await reply("summary aelx")).toBe(hint("summary alex"));
    expect(await reply("summary alexis")).toBe("You have no client called alexis.");
    expect(await reply("schedule Jose weekly mon 09:00 50m")).toBe(
      hint("schedule josé weekly mon 09:00 50m"),
    );
    // Nothing ran on the guess, and a name that is nobody's is still no one.
    expect((await c.data("alex")).checkins).toEqual([]);
    expect(await reply("summary jordan please")).toBe("You have no client called jordan.");
  });

  it("'seen #3' and 'seen alert 3' acknowledge alert 3", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "i want to kill myself");
    expect((await c.say("rivera", "seen #1"))[0]?.message.text).toBe(
      "Alert 1 about alex marked as seen. Thank you.",
    );
    await c.say("alex", "i took 20 tylenol");
    const alex = (await c.client("alex"))?.personId ?? 0;
    const open = await c.read((tx) => tx.openRiskAlert(alex));
    expect((await c.say("rivera", `seen alert ${open?.id}`))[0]?.message.text).toBe(
      `Alert ${open?.id} about alex marked as seen. Thank you.`,
    );
    expect(open?.id).toBe(2);
  });
});

describe("a command typed in the clinic's language", () => {
  let c: Conversation;
  afterEach(() => c.close());

  it("gets the English command to type, and runs nothing", async () => {
    c = new Conversation({ clinic: { language: "de" } });
    await c.enrol("rivera", "jonas");
    const reply = async (text: string) => (await c.say("rivera", text))[0]?.message.text;
    const told = (s: string) =>
      `Befehle schreiben Sie auf Englisch. Meinten Sie: ${s}\nMit help gibt es eine Übersicht über alles, was Sie eingeben können.`;
    expect(await reply("zusammenfassung jonas")).toBe(told("summary jonas"));
    expect(await reply("klienten")).toBe(told("clients"));
    // Deleting a client most often means ending the episode: discharge first, erasing second.
    const deleted = (await reply("löschen jonas")) ?? "";
    expect(deleted).toMatch(/^Das habe ich nicht verstanden\. Meinten Sie: discharge jonas\n/);
    expect(deleted.indexOf("discharge jonas --erase")).toBeGreaterThan(deleted.indexOf("discharge jonas\n"));
    expect((await c.client("jonas"))?.status).toBe("active");
  });

  it("in Spanish too, and 'pausa' (a client's stop word) is `pause` for a therapist", async () => {
    c = new Conversation({ clinic: { language: "es" } });
    await c.enrol("rivera", "lucia");
    const reply = async (text: string) => (await c.say("rivera", text))[0]?.message.text;
    const told = (s: string) =>
      `Las órdenes se escriben en inglés. ¿Querías decir esto?\n${s}\nEscribe help para ver todo lo que puedes hacer.`;
    expect(await reply("resumen lucia")).toBe(told("summary lucia"));
    expect(await reply("resumen de lucia porfa")).toBe(told("summary lucia"));
    expect(await reply("pacientes")).toBe(told("clients"));
    expect(await reply("pausa")).toBe(told("pause ALIAS FROM..TO|LENGTH"));
    expect((await c.data("lucia")).checkins).toEqual([]);
  });
});

describe("a therapist's nod", () => {
  it("'thanks' or 'ok' after a reply gets a welcome, not 'I didn't understand that'", async () => {
    const c = new Conversation();
    await c.enrol();
    for (const text of ["thanks", "thank you!", "ok", "ok thx 👍"]) {
      expect((await c.say("rivera", text))[0]?.message.text, text).toBe(
        "You're welcome. Type help to see everything you can do.",
      );
    }
    expect((await c.say("rivera", "blah"))[0]?.message.text).toMatch(/^I didn't understand that\./);
    c.close();
  });
});
