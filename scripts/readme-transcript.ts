import { readFileSync, writeFileSync } from "node:fs";
import { addTherapist, type ConsoleMessage, freshEnv, script } from "../test/helpers/cli.js";

/**
 * The README's console transcript, made by running rapport: `npm run readme` writes it between
 * the markers in README.md, and test/cli/readme-transcript.test.ts fails when the README and the
 * product disagree. Codes and dates are replaced by fixed examples, since each run draws new ones.
 */
export const START = "<!-- transcript:start -->";
export const END = "<!-- transcript:end -->";
const LINK_EXAMPLE = "K7QM-2XRD-9HWP";
const INVITE_EXAMPLE = "4WJ8-CQ2M-T0ZA";
const DATE = /[A-Z][a-z]{2} \d{1,2}, \d{4}(, \d{1,2}:\d{2}\s?[AP]M)?/g;

/** The lines typed, in order; {LINK} and {INVITE} are filled in from the run. */
const LINES = [
  "rivera: link {LINK}",
  "rivera: invite alex",
  "alex: start {INVITE}",
  "alex: yes",
  "rivera: checkin alex",
  "alex: 9",
  "alex: 8",
  "alex: 7.5",
  "alex: 10",
  "alex: 5",
  "alex: 6",
  "alex: 4",
  "alex: 5",
  "alex: no",
  "alex: It was a hard week at work.",
  "rivera: summary alex",
  "rivera: clients",
];

export async function transcript(): Promise<string> {
  const env = freshEnv();
  const link = await addTherapist(env, "Dr Rivera");
  let invite = "";
  const out: string[] = [];
  for (const template of LINES) {
    const line = template.replace("{LINK}", link).replace("{INVITE}", invite);
    const replies = await script(env, [line]);
    invite ||= /^start (\S+)$/m.exec(replies.map((r) => r.text).join("\n"))?.[1] ?? "";
    out.push(template.replace("{LINK}", LINK_EXAMPLE).replace("{INVITE}", INVITE_EXAMPLE));
    for (const reply of replies) out.push(...render(reply));
  }
  return out
    .join("\n")
    .replaceAll(link, LINK_EXAMPLE)
    .replaceAll(invite, INVITE_EXAMPLE)
    .replace(DATE, (d) => (d.includes(":") ? "Nov 26, 2026, 10:42 AM" : "Nov 26, 2026"));
}

function render(m: ConsoleMessage): string[] {
  const lines = [
    `[to ${m.to}${m.urgent ? ", urgent" : ""}]`,
    ...m.text.split("\n").map((l) => (l ? `  ${l}` : "")),
  ];
  if (m.choices.length > 0) {
    const values = m.choices.map((c) => c.value);
    const scale = values.length === 11 && values.every((v, i) => v === String(i));
    lines.push(
      scale
        ? "  choices: 0 to 10"
        : `  choices: ${m.choices.map((c) => `[${c.value}] ${c.label}`).join("  ")}`,
    );
  }
  return lines;
}

export function readmeBlock(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error("README.md has no transcript markers");
  return readme
    .slice(start + START.length, end)
    .replace(/^\n```text\n/, "")
    .replace(/\n```\n$/, "");
}

if (process.argv[1]?.endsWith("readme-transcript.ts")) {
  const path = new URL("../README.md", import.meta.url);
  const readme = readFileSync(path, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  const block = `${START}\n\`\`\`text\n${await transcript()}\n\`\`\`\n`;
  writeFileSync(path, readme.slice(0, start) + block + readme.slice(end));
  process.stdout.write("README.md transcript written\n");
}
