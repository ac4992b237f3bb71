import type { InstrumentFile } from "../src/instruments/fhir-scale.js";
import type { MeasureProfile } from "../src/instruments/profiles.js";

/**
 * What `rapport instrument import` prints: what was written where, the scoring profile that
 * applies (or will, once the fallback language has its copy), where the items' short names came
 * from, and how to ask it. Every path is absolute, as the prompts folder was resolved.
 */

/** A profile that matches the copy but applies only once the fallback language has one too. */
export interface Pending {
  profile: MeasureProfile;
  fallback: string;
}

interface ImportReport {
  inst: InstrumentFile;
  target: string;
  profile?: MeasureProfile;
  pending?: Pending;
  /** The profile whose short names the items got; none: cut from their texts. */
  shortNamesFrom?: string | undefined;
  profilesDir: string;
}

export function report(r: ImportReport): string {
  const { inst } = r;
  const answers = inst.choices ? `${inst.choices.length} answers` : "a number";
  const lines = [
    `Imported "${inst.title}" as instrument ${inst.id}: ${inst.items.length} items, ${answers} from ${inst.scale.min} to ${inst.scale.max}, into ${r.target}.`,
  ];
  if (r.profile) {
    lines.push(`Scoring profile ${profileText(r.profile)}.`);
  } else if (r.pending) {
    const { profile, fallback } = r.pending;
    lines.push(
      `Scoring profile ${profileText(profile, `, from when ${inst.id} is in the ${fallback} folder too (import the ${fallback} questionnaire: a measure is scored by its ${fallback} copy, and no check-in asks it before)`)}.`,
    );
  } else {
    lines.push(
      `No scoring profile matched: its answers are kept and shown, without bands or rules. Add ${r.profilesDir}/${inst.id}.yaml to score it (README, "Adding a measure").`,
    );
  }
  const names = inst.items.map((i) => i.short).join(", ");
  lines.push(
    r.shortNamesFrom
      ? `Short names in summaries, from the profile ${r.shortNamesFrom}: ${names}. Edit short: in ${r.target} to change them.`
      : `Short names in summaries, cut from each item's text: ${names}. Edit short: in ${r.target} to name each in a word or two (README, "Adding a measure").`,
  );
  lines.push(
    `To ask it, add it to the clinic config (RAPPORT_CONFIG): checkin: instruments: [alliance, progress, ${inst.id}]`,
  );
  return `${lines.join("\n")}\n`;
}

/** "phq9 (PHQ-9, the built-in profile profiles/phq9.yaml): lower is better, ... rules: rule method" */
function profileText(profile: MeasureProfile, when = ""): string {
  const bands = profile.bands.map((b) => `${b.label[profile.fallback]} from ${b.from}`).join(", ");
  const risk = profile.riskItems.map((r) => `${r.item} above ${r.above}`).join(", ") || "none";
  const rules = [profile.ruleMethod ? "rule method" : "", profile.trajectory ? "trajectory" : ""].filter(
    Boolean,
  );
  const file = profile.builtIn ? profile.file : profile.path;
  return `${profile.id} (${profile.name}, ${file})${when}: ${profile.direction.replace(/_/g, " ")}, total ${profile.range.min} to ${profile.range.max}; bands ${bands}; caseness ${profile.caseness}; reliable change ${profile.reliableChange}; risk items ${risk}; rules: ${rules.join(" and ") || "none"}`;
}
