import { afterEach, describe, expect, it } from "vitest";
import { asksWhoSees } from "../../src/engine/privacy-question.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation | undefined;
afterEach(() => c?.close());

const texts = (ds: Delivery[], to: string) =>
  ds.filter((d) => d.externalId === to).map((d) => d.message.text);

describe("asksWhoSees", () => {
  it("reads questions about who can read the answers, as clients type them", () => {
    for (const text of [
      "is this anonymous?",
      // Regression: English and a German and a Spanish form still missed.
      "will my boss find out",
      "does anyone actually read these",
      "could my parents find out about this?",
      "und wer kann das eigentlich alles lesen was ich hier schreib",
      "y esto quien lo ve?",
      "can my boss see this?",
      "who can read this",
      "does my employer see my answers",
      "anonymous??",
      "is it confidential",
      "r my answers anonymous",
      "can anyone else see what i write",
      "who sees this",
      "who else can see my answers",
      "will my parents see this 😬",
      "can my boss see that?",
      "ist das anonym?",
      "kann mein chef das sehen?",
      "sieht mein arbeitgeber meine antworten",
      "wer kann das lesen",
      "sind meine antworten vertraulich",
      "¿es anónimo?",
      "es anonimo",
      "puede mi jefe ver esto?",
      "mi jefe puede ver esto",
      "quien puede ver esto",
      "son anonimas mis respuestas?",
      // Regression: each got "Dr Weber sieht das hier also nicht" / "Dra Rivera no verá esto aquí".
      "wer sieht das eigentlich alles",
      "kriegt die krankenkasse das mit",
      "lo ve alguien mas aparte de la psico?",
      "esto lo lee mi seguro medico?",
      // Their family: who is feared to read along, and finding out ("kriegt … mit", "se entera").
      "kriegt die krankenkasse das mit?",
      "bekommt mein chef das mit",
      "bekommt meine versicherung davon was mit",
      "erfährt mein arbeitgeber davon?",
      "erfaehrt mein arbeitgeber davon",
      "kriegen meine eltern das mit",
      "die krankenkasse kriegt das mit?",
      "kann die krankenkasse das sehen?",
      "sieht die versicherung meine antworten",
      "wer sieht eigentlich meine antworten? auch die krankenkasse?",
      "wer kriegt das alles mit",
      "wer erfährt das",
      "kriegt das sonst jemand mit",
      "lo ve alguien más aparte de la psico",
      "esto lo lee mi seguro médico",
      "se entera mi jefe?",
      "¿mi jefe se entera de esto?",
      "se enteran mis padres",
      "lo ve mi aseguradora?",
      "la aseguradora lo ve?",
      "lo lee la psico?",
      "alguien más lo ve?",
      "mis padres lo pueden ver?",
      "puede mi aseguradora ver esto",
      "oye se entera mi jefe de esto?",
    ]) {
      expect(asksWhoSees(text), text).toBe(true);
    }
  });

  it("leaves words that only mention a boss, family or anonymity alone", () => {
    for (const text of [
      "my boss keeps calling me on weekends",
      "my boss will find out i messed up",
      "will anyone find out what happened to him",
      "does anyone actually care",
      "quien lo ve todo tan negro",
      "can my boss see that im struggling",
      "i went to an anonymous meeting",
      "do people get better with therapy?",
      "will my mom read my diary",
      "my mom can see im not ok",
      "who can i talk to",
      "private",
      "mein chef sieht alles kritisch",
      "kann mein kopf nicht abschalten",
      "mi jefe es un pesado",
      "no puedo ver a mi familia",
      // Distress, not a question about readers: it keeps the crisis text of the usual reply.
      "wer kann das noch ertragen",
      "wer kann das aushalten",
      "wer bekommt das hin",
      "wer kann es mir verübeln",
      "mein chef macht mich fertig",
      "mis padres no me entienden",
      "meine eltern kriegen nix mit",
      "keiner kriegt mit wie schlecht es mir geht",
      "kriegt das keiner mit",
      "wer kriegt das schon mit",
      "mein chef bekommt alles mit und nervt",
      "die krankenkasse zahlt nicht mehr",
      "bekommt mein chef das hin?",
      "wer sieht das schon",
      "si se entera mi jefe me despide",
      "nadie lo ve",
      "mi psico no me entiende",
      "el seguro no me cubre la terapia",
      "mi jefe se entera de todo y me grita",
      "mis padres no se enteran de nada",
      "mi madre puede ver que estoy mal",
      "mi familia puede ver que estoy mal",
    ]) {
      expect(asksWhoSees(text), text).toBe(false);
    }
  });
});

describe("a question about who sees the answers, between check-ins", () => {
  it("gets who sees them and the way to see and erase them, in the client's language", async () => {
    c = new Conversation();
    await c.enrol();
    for (const text of ["is this anonymous?", "can my boss see this?", "who can read this"]) {
      const replies = await c.say("alex", text);
      const [reply] = texts(replies, "alex");
      expect(reply, text).toMatch(/^Only Dr rivera sees your check-in answers and comments/);
      expect(reply, text).toContain("type mydata");
      expect(reply, text).toContain("type forget");
      expect(reply, text).not.toContain("don't pass messages on");
      expect(texts(replies, "rivera"), text).toEqual([]);
    }
    await c.say("rivera", "language alex de");
    const [german] = texts(await c.say("alex", "ist das anonym?"), "alex");
    expect(german).toMatch(/^Nur Dr rivera sieht deine Antworten/);
    expect(german).toContain("vergiss mich");
    await c.say("rivera", "language alex es");
    const [spanish] = texts(await c.say("alex", "¿es anónimo?"), "alex");
    expect(spanish).toMatch(/^Solo tu terapeuta \(Dr rivera\) ve tus respuestas/);
    expect(spanish).toContain("olvidar");
  });

  it("in German and Spanish, as clients ask it, gets who sees the answers", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "language alex de");
    for (const text of ["wer sieht das eigentlich alles", "kriegt die krankenkasse das mit"]) {
      const [reply] = texts(await c.say("alex", text), "alex");
      expect(reply, text).toMatch(/^Nur Dr rivera sieht deine Antworten/);
      expect(reply, text).not.toContain("sieht das hier also nicht");
    }
    const [boss] = texts(await c.say("alex", "mein chef macht mich fertig"), "alex");
    expect(boss).toMatch(/^Danke für deine Nachricht\. Ich stelle nur die Check-in-Fragen/);
    await c.say("rivera", "language alex es");
    for (const text of ["lo ve alguien mas aparte de la psico?", "esto lo lee mi seguro medico?"]) {
      const [reply] = texts(await c.say("alex", text), "alex");
      expect(reply, text).toMatch(/^Solo tu terapeuta \(Dr rivera\) ve tus respuestas/);
      expect(reply, text).not.toContain("no verá esto aquí");
    }
    const [parents] = texts(await c.say("alex", "mis padres no me entienden"), "alex");
    expect(parents).toMatch(/^Gracias por escribir\. Solo hago las preguntas/);
  });

  it("an ordinary message about a boss still gets that rapport does not pass messages on", async () => {
    c = new Conversation();
    await c.enrol();
    const [reply] = texts(await c.say("alex", "my boss keeps calling me on weekends"), "alex");
    expect(reply).toMatch(/^Thank you for writing\. I only ask the check-in questions/);
  });

  it("a question about who sees the answers written as the comment is kept, and answered", async () => {
    // Regression: a 16-year-old's "also can my mom see this??" at the comment got only "Thank you,
    // that's everything."
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    for (const v of [8, 8, 8, 8, 5, 5, 5, 5]) await c.say("alex", String(v));
    await c.say("alex", "no");
    const sent = await c.say("alex", "also can my mom see this??");
    const [reply] = texts(sent, "alex");
    expect(reply).toMatch(/^Thank you, that's everything\..*\n\nOnly Dr rivera sees your check-in answers/s);
    expect(reply).toContain("not to your employer or your family either");
    expect(texts(sent, "rivera").join("\n")).toContain("Comment: also can my mom see this??");
    // An ordinary comment gets only the thanks.
    await c.say("rivera", "checkin alex");
    for (const v of [8, 8, 8, 8, 5, 5, 5, 5]) await c.say("alex", String(v));
    await c.say("alex", "no");
    const [thanks] = texts(await c.say("alex", "my mom was visiting, it was a lot"), "alex");
    expect(thanks).not.toContain("Only Dr rivera sees");
  });
});
