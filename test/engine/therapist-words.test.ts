import { afterEach, describe, expect, it } from "vitest";
import { wordNoteOf } from "../../src/engine/commands/word-notes.js";
import { Conversation } from "../helpers/conversation.js";

let c: Conversation;
afterEach(() => c.close());

const text = async (who: string, words: string) => (await c.say(who, words)).map((d) => d.message.text);

/**
 * Words a clinic's IT person saw therapists type and get the wrong answer to: a client's word
 * answered with the client's "not available yet… talk to your therapist", "remove alex" offered
 * the erasure first, a language by its name refused, "export csv" read as a client called csv.
 */
describe("a therapist's words that are not their commands", () => {
  it("a client's word says what it is for and the therapist's command for it", async () => {
    c = new Conversation();
    await c.enrol();
    const [forget] = await text("rivera", "forget alex");
    expect(forget).toContain("forget is a word for clients");
    expect(forget).toContain("discharge alex --erase");
    expect(forget).not.toContain("talk to your therapist");
    expect((await text("rivera", "mydata"))[0]).toContain("summary ALIAS --all");
    expect((await text("rivera", "stop alex"))[0]).toContain("pause alex FROM..TO");
    expect((await text("rivera", "forget"))[0]).toContain("discharge ALIAS --erase");
  });

  it("remove and delete, in each language, suggest discharge, and erasing only second, as what cannot be undone", async () => {
    c = new Conversation();
    await c.enrol();
    for (const word of ["remove", "delete", "löschen", "entfernen", "borrar", "eliminar"]) {
      const [reply = ""] = await text("rivera", `${word} alex`);
      expect(reply).toMatch(/^I didn't understand that\. Did you mean: discharge alex\n/);
      expect(reply.indexOf("discharge alex --erase")).toBeGreaterThan(reply.indexOf("discharge alex\n"));
      expect(reply).toContain("cannot be undone");
    }
    // "erase" means erasing: it still says so.
    expect((await text("rivera", "erase alex"))[0]).toContain("Did you mean: discharge alex --erase");
  });

  it("takes a language by its name in the languages rapport ships, or says to type the code", async () => {
    c = new Conversation();
    await c.enrol();
    expect(await text("rivera", "language alex German")).toEqual([
      "alex now gets rapport's messages in German (de).",
    ]);
    expect((await text("rivera", "language alex Deutsch"))[0]).toContain("German (de)");
    expect((await text("rivera", "language alex Español"))[0]).toContain("Spanish (es)");
    expect((await text("rivera", "language alex espanol"))[0]).toContain("Spanish (es)");
    expect((await text("rivera", "language alex English"))[0]).toContain("English (en)");
    expect((await text("rivera", "language alex Klingon"))[0]).toContain(
      "or its code (the letters in brackets)",
    );
  });

  it("export names the admin command, and summary ALIAS --all for one client", async () => {
    c = new Conversation();
    await c.enrol();
    const [csv = ""] = await text("rivera", "export csv");
    expect(csv).toContain("rapport export --format csv");
    expect(csv).toContain("summary ALIAS --all");
    expect(csv).not.toContain("summary csv");
    expect((await text("rivera", "export alex"))[0]).toContain("summary alex --all");
    expect(wordNoteOf("/download fhir")).toEqual({ kind: "export", alias: "ALIAS" });
  });

  it("help from someone not linked yet says how a therapist links, after the client's line", async () => {
    c = new Conversation();
    const [help = ""] = await text("newbie", "help");
    expect(help).toContain("start CODE");
    expect(help).toContain("link CODE");
  });
});
