import { afterEach, describe, expect, it } from "vitest";
import { asksToStopForGood } from "../../src/engine/stop-request.js";
import type { Delivery } from "../../src/model.js";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation | undefined;
afterEach(() => c?.close());

const toAlex = (ds: Delivery[]) => ds.filter((d) => d.externalId === "alex");
const toRivera = (ds: Delivery[]) => ds.filter((d) => d.externalId === "rivera");
const HOW_TO_STOP =
  "If you want to stop the check-ins, type stop or tap the button: they pause at once, and none come until you type start. To end them for good, tell Dr rivera. To have everything rapport keeps about you erased, type forget: I'll ask you to confirm first.";
const PAUSE = [{ label: "Pause check-ins", value: "stop" }];

describe("asksToStopForGood", () => {
  it("reads a wish to stop the check-ins, as clients type it, in English, German and Spanish", () => {
    for (const text of [
      "i want to stop doing these",
      "i dont want to do these anymore",
      "I don't want to do these anymore!!",
      "i want to quit",
      "i wanna quit pls",
      "i quit",
      "no more check ins please",
      "i want to stop doing these for good, please delete me",
      "i want to stop for good",
      "stop these for good",
      "pls opt me out",
      "unsubscribe",
      "im done with these check ins",
      "i dont want to get thes questions anymore",
      "i no longer want to take part in these",
      "ich will das nicht mehr machen",
      "ich möchte aufhören",
      "ich will aufhören mit den check-ins",
      "ich will nicht mehr mitmachen",
      "kann ich mich abmelden?",
      "endgültig aufhören bitte",
      "no quiero hacer esto más",
      "no quiero hacer esto mas",
      "ya no quiero contestar los cuestionarios",
      "quiero darme de baja",
      "quiero dejar de contestar esto",
    ]) {
      expect(asksToStopForGood(text), text).toBe(true);
    }
  });

  it("leaves words about life, and breaks with an end, alone", () => {
    for (const text of [
      "i want to quit my job",
      "i want to quit smoking",
      "she decided to quit her job",
      "i want to stop these thoughts",
      "i want to stop drinking for good",
      "i cant stop crying",
      "im done with work for today",
      "no more check ins till january",
      "ich will aufhören zu rauchen",
      "ich will aufhören mit dem trinken",
      "ich habe keine fragen mehr",
      "no quiero hacer la tarea",
      "me dieron de baja en el trabajo",
      // "them" is as often the thoughts, or other people, as the check-ins.
      "i want to stop them",
      "i need to stop them",
      "my kids fight all day, i want to stop them and i cant",
      "i'm done with them. my parents never listen",
    ]) {
      expect(asksToStopForGood(text), text).toBe(false);
    }
  });
});

describe("a wish to stop, between check-ins", () => {
  it("is told how to stop, end and erase, with the pause button, and nothing is paused or erased", async () => {
    c = new Conversation();
    await c.enrol();
    for (const text of [
      "i want to stop doing these",
      "i dont want to do these anymore",
      "i want to quit",
      "no more check ins please",
    ]) {
      const replies = await c.say("alex", text);
      const [reply] = toAlex(replies);
      // Still the truth about messages and the crisis text, then how to stop.
      expect(reply?.message.text, text).toMatch(/^Thank you for writing\. .*TEST CRISIS TEXT/s);
      expect(reply?.message.text, text).toContain(HOW_TO_STOP);
      expect(reply?.message.choices, text).toEqual(PAUSE);
      expect(toRivera(replies), text).toEqual([]);
    }
    const data = await c.data("alex");
    expect(data.pausedAt).toBeNull();
    expect(data.status).toBe("active");
    await c.press("alex", "stop");
    expect((await c.data("alex")).pausedAt).not.toBeNull();
  });

  it("in German and Spanish too; a break with an end still gets its dated button", async () => {
    c = new Conversation();
    await c.enrol();
    const [dated] = toAlex(await c.say("alex", "can you stop doing these till january"));
    expect(dated?.message.choices).toEqual([
      { label: "Pause until Jan 1, 2027", value: "stop until 2027-01-01" },
    ]);
    await c.say("rivera", "language alex es");
    const [spanish] = toAlex(await c.say("alex", "no quiero hacer esto más"));
    expect(spanish?.message.text).toContain("Para terminarlos del todo, díselo a tu terapeuta (Dr rivera).");
    expect(spanish?.message.text).toContain("escribe olvidar");
    expect(spanish?.message.choices).toEqual([{ label: "Pausar los cuestionarios", value: "stop" }]);
    await c.say("rivera", "language alex de");
    const [german] = toAlex(await c.say("alex", "ich möchte aufhören"));
    expect(german?.message.text).toContain("Um sie ganz zu beenden, sag es Dr rivera.");
    expect(german?.message.choices).toEqual([{ label: "Check-ins pausieren", value: "stop" }]);
  });

  it("paused, is told that none come, and how to end them for good or erase everything", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("alex", "stop");
    const [paused] = toAlex(await c.say("alex", "i want to stop for good"));
    expect(paused?.message.text).toContain(
      "Your check-ins are paused: none come until you type start. To end them for good, tell Dr rivera.",
    );
    expect(paused?.message.text).toContain("type forget");
    // With a check-in held open by the pause, the same.
    await c.say("alex", "start");
    await c.say("rivera", "checkin alex");
    await c.say("alex", "stop");
    const [held] = toAlex(await c.say("alex", "i want to stop for good"));
    expect(held?.message.text).toMatch(
      /^Your check-ins are paused: none come until you type start\. To end them/,
    );
  });

  it("risk words come first: no way to pause is offered to them", async () => {
    c = new Conversation();
    await c.enrol();
    const everything = toAlex(await c.say("alex", "i want to stop everything"));
    expect(everything[0]?.message.text).toContain("TEST CRISIS TEXT");
    expect(everything[0]?.message.text).not.toContain("To end them for good");
    const replies = await c.say("alex", "i want to end it");
    expect(toRivera(replies)[0]?.message.text).toMatch(/^URGENT/);
    expect(
      toAlex(replies)
        .map((d) => d.message.text)
        .join(" "),
    ).not.toContain("To end them for good");
  });
});

describe("a wish to stop, in a check-in", () => {
  it("at a question gets how to stop, not added to the comment; nothing is paused", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const replies = await c.say("alex", "i want to stop doing these for good, please delete me");
    const [reply] = toAlex(replies);
    expect(reply?.message.text).toMatch(
      /^If you want to stop the check-ins, type stop: they pause at once, this one too, until you type start\. To end them for good, tell Dr rivera; .* type forget\.\n\n1\/9\./,
    );
    expect(reply?.message.text).not.toContain("added it to your comment");
    expect(toRivera(replies)).toEqual([]);
    expect((await c.data("alex")).pausedAt).toBeNull();
    // Words about their data are not kept as a comment either.
    const [data] = toAlex(await c.say("alex", "delete my data pls"));
    expect(data?.message.text).toMatch(
      /^Your check-in answers and comments are seen by Dr rivera\. .*forget/,
    );
    await c.answerAll("alex", [8, 8, 8, 8, 6, 6, 6, 6, "no"]);
    expect((await c.data("alex")).checkins.at(-1)?.comment ?? null).toBeNull();
  });

  it("as the comment is kept, as any comment is, and gets how to stop with the pause button", async () => {
    c = new Conversation();
    await c.enrol();
    await c.say("rivera", "checkin alex");
    const replies = await c.answerAll(
      "alex",
      [8, 8, 8, 8, 6, 6, 6, 6, "no"],
      "i dont want to do these anymore",
    );
    const thanks = toAlex(replies).at(-1);
    expect(thanks?.message.text).toMatch(/^Thank you, that's everything/);
    expect(thanks?.message.text).toContain(HOW_TO_STOP);
    expect(thanks?.message.choices).toEqual(PAUSE);
    expect((await c.data("alex")).checkins.at(-1)?.comment).toBe("i dont want to do these anymore");
  });
});
