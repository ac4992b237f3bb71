import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * A therapist's name in Spanish is whatever the clinic typed ("Dr Rivera", "Marta Gómez", "Sam"), and
 * Spanish wants an article before a title ("el Dr. Rivera", "la Dra. Gómez") that rapport cannot
 * choose. So every Spanish message puts a name only where no article is needed: in apposition ("tu
 * terapeuta, {therapist}," / "tu terapeuta ({therapist})"), after a label ("Tu terapeuta: {therapist}")
 * or after "como"; never as a bare subject or object ("{therapist} te ha invitado", "díselo a
 * {therapist}", "cliente de {therapist}").
 */
const FILE = fileURLToPath(new URL("../../prompts/es/messages.yaml", import.meta.url));
const doc = parse(readFileSync(FILE, "utf8")) as {
  consent: { text: string };
  messages: Record<string, unknown>;
};

// The placeholders that carry a person's name, and the messages where {name} and {to} do.
const ALWAYS = ["therapist", "oncall", "previous"];
const IN = { name: ["link_ok", "link_already", "seen_by_other"], to: ["client_moved_out"] };
const NOT_NAMES = new Set(["summary_alliance", "warning_alliance_both", "warning_alliance_drop"]);
// What may stand right before a name: an apposition's comma or bracket, a label's colon, "como".
const BEFORE = /(?:(?:terapeuta|guardia|consulta|ahora), |\(|: |como )$/;

function nameSlots(): string[] {
  const texts: [string, string][] = [["consent.text", doc.consent.text]];
  for (const [key, text] of Object.entries(doc.messages)) {
    if (typeof text === "string" && !NOT_NAMES.has(key)) texts.push([key, text]);
  }
  const found: string[] = [];
  for (const [key, text] of texts) {
    const names = [...ALWAYS, ...Object.entries(IN).flatMap(([n, keys]) => (keys.includes(key) ? [n] : []))];
    for (const name of names) {
      let at = text.indexOf(`{${name}}`);
      while (at >= 0) {
        found.push(`${key}: …${text.slice(Math.max(0, at - 30), at + name.length + 2)}`);
        at = text.indexOf(`{${name}}`, at + 1);
      }
    }
  }
  return found;
}

describe("names in the Spanish messages", () => {
  it("finds the name slots it checks", () => {
    expect(nameSlots().length).toBeGreaterThan(50);
  });

  it("puts a name only in apposition, after a label or after como", () => {
    const bare = nameSlots().filter((slot) => {
      const before = slot.slice(0, slot.lastIndexOf("{"));
      return !BEFORE.test(before);
    });
    expect(bare).toEqual([]);
  });
});
