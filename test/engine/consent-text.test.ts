import { afterEach, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { clinicConfigSchema } from "../../src/config/clinic-config.js";
import { Conversation } from "../helpers/conversation.js";
import { phqGadPrompts } from "../helpers/measures.js";

/**
 * What a client agrees to: the consent names the questions of their own check-in, the safety
 * question among them, and who is told at once when they write about harming themselves.
 */
describe("the consent says what a check-in asks and who hears of a disclosure", () => {
  let c: Conversation;
  afterEach(() => c.close());

  async function consentText(config: z.input<typeof clinicConfigSchema> = {}, prompts?: string) {
    c = prompts ? new Conversation(config, "console", [], prompts) : new Conversation(config);
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const [invite] = await c.say("rivera", "invite alex");
    const clientCode = /start (\S+)/.exec(invite?.message.text ?? "")?.[1];
    const [consent] = await c.say("alex", `start ${clientCode}`);
    return consent?.message.text ?? "";
  }

  it("a clinic without a name is named in the client's language, not in English", async () => {
    c = new Conversation();
    const { code } = await c.engine.addTherapist("Dr Rivera");
    await c.say("rivera", `link ${code}`);
    const invites = [await c.say("rivera", "invite lena"), await c.say("rivera", "invite lucia")];
    await c.say("rivera", "language lena de");
    await c.say("rivera", "language lucia es");
    const consent = async (alias: string, invite: (typeof invites)[number]) =>
      (await c.say(alias, `start ${/start (\S+)/.exec(invite[0]?.message.text ?? "")?.[1]}`))[0]?.message
        .text ?? "";
    const lena = await consent("lena", invites[0] ?? []);
    const lucia = await consent("lucia", invites[1] ?? []);
    expect(lena).toContain("die Check-in-Assistenz von deiner Praxis");
    expect(lucia).toContain("el asistente de seguimiento de tu consulta");
    expect(`${lena}${lucia}`).not.toContain("your practice");
  });

  it("names the safety question and the urgent message to the therapist", async () => {
    const text = await consentText();
    expect(text).toContain(
      "(4 about the session, 4 about how your week went, and one yes-or-no question about your safety)",
    );
    expect(text).toContain(
      "If you tell me you might harm yourself or someone else, in an answer or in anything you write, I send Dr Rivera an urgent message at once.",
    );
    expect(text).not.toContain("on call");
  });

  it("names the on-call contact where the clinic has one, with the time before it is told", async () => {
    const text = await consentText({ risk: { onCall: "Dr Night", escalateAfterMinutes: 20 } });
    expect(text).toContain(
      "if Dr Rivera hasn't seen it within 20 minutes, the person on call at your practice gets it too.",
    );
  });

  it("leaves out a safety question the clinic switched off, and names a clinic's own questionnaires", async () => {
    const text = await consentText(
      { checkin: { instruments: ["alliance", "phq9"] }, risk: { safetyQuestion: false } },
      phqGadPrompts(),
    );
    expect(text).toContain(
      '(4 about the session and 9 from the questionnaire "PHQ-9 (placeholder wording)")',
    );
    expect(text).not.toContain("safety");
    // A disclosure in words still reaches the therapist, question or not.
    expect(text).toContain("I send Dr Rivera an urgent message at once.");
  });

  it("is asked again, in short, with the same buttons when the client asks a question", async () => {
    await consentText({ risk: { onCall: "Dr Night" } });
    const [short] = await c.say("alex", "who else sees this?");
    expect(short?.message.text).toContain(
      "I send them to no one else. If you write about harming yourself or someone else, Dr Rivera gets an urgent message at once, and your practice's on-call person if it isn't seen in time.",
    );
    expect(short?.message.choices?.map((ch) => ch.value)).toEqual(["yes", "no"]);
  });

  it("in German and Spanish too", async () => {
    const de = await consentText({ clinic: { language: "de" } });
    expect(de).toContain(
      "(4 zur Sitzung, 4 dazu, wie deine Woche war und eine Ja-Nein-Frage zu deiner Sicherheit)",
    );
    expect(de).toContain("schicke ich Dr Rivera sofort eine dringende Meldung.");
    c.close();
    const es = await consentText({ clinic: { language: "es" } });
    expect(es).toContain(
      "(4 sobre la sesión, 4 sobre cómo te ha ido la semana y una pregunta de sí o no sobre tu seguridad)",
    );
    expect(es).toContain("Tu terapeuta, Dr Rivera, te ha invitado.");
    expect(es).toContain("envío un aviso urgente al momento a tu terapeuta, Dr Rivera.");
  });
});
