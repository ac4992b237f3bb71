import { z } from "zod";
import { codingSchema } from "./fhir-meta.js";

/**
 * A scoring profile (prompts/profiles/<id>.yaml): how a measure's total is read, apart from its
 * wording. rapport ships profiles for the PHQ-9 and the GAD-7, keyed by their LOINC panel codes;
 * a clinic adds its own beside them in its prompts folder. Validated at start-up, here for its
 * own consistency and in profiles.ts against the instrument it scores.
 */
const text = z.string().trim().min(1, "must not be empty");

const band = z
  .object({
    /** The lowest total in the band; a band runs up to the next band's `from`. */
    from: z.number(),
    /** The band's word per language ("mild"); the catalog's fallback language must be there. */
    label: z.record(z.string().min(2), text),
  })
  .strict();

const trajectoryParams = z.object({ b0: z.number(), b1: z.number(), sigma: z.number().positive() }).strict();

export const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower-case letters, digits or _"),
    /** The measure's name in summaries ("PHQ-9"), the same in every language. */
    name: text,
    /** A clinic's own measure: the instrument id it scores. */
    instrument: z.string().optional(),
    /** A published measure: any instrument whose FHIR code[] carries this panel code. */
    code: codingSchema.optional(),
    /** The code of the total score (LOINC), exported on the total item. */
    total: codingSchema.optional(),
    direction: z.enum(["higher_is_better", "lower_is_better"]),
    range: z
      .object({ min: z.number(), max: z.number() })
      .strict()
      .refine((r) => r.max > r.min, { message: "max must be greater than min", path: ["max"] }),
    bands: z.array(band).min(1, "needs at least one band"),
    /** The clinical cutoff: at or above it (lower is better) or below it (higher is better) is a case. */
    caseness: z.number(),
    /** Raw points of change that count as reliable. */
    reliableChange: z.number().positive(),
    /**
     * Items whose answer above `above` is a risk disclosure: the crisis message and an urgent alert.
     * `item` is the item's position (1-based) or its id; `code`, when the instrument has item codes,
     * is checked too, so a questionnaire in another order cannot move the risk item.
     */
    riskItems: z
      .array(
        z
          .object({
            item: z.union([z.number().int().positive(), z.string().min(1)]),
            code: z.string().optional(),
            above: z.number(),
          })
          .strict(),
      )
      .default([]),
    rules: z
      .object({
        /** Deteriorating, no change yet, change of plan (CLINICAL.md, "Rule method"). */
        ruleMethod: z.boolean().default(true),
        /** The expected trajectory needs parameters of its own for each measure; false: off. */
        trajectory: z.union([z.literal(false), trajectoryParams]).default(false),
      })
      .strict()
      .prefault({}),
    /**
     * Short names of the items, for summaries and alerts ("Sleep"), per language: the import writes
     * them as each item's `short:` (which the clinic may edit) instead of cutting the item's text.
     * `item` is the position (1-based); `code`, when the questionnaire's items carry codes, finds
     * the item in another order, as for riskItems.
     */
    shortNames: z
      .array(
        z
          .object({
            item: z.number().int().positive(),
            code: z.string().optional(),
            label: z.record(z.string().min(2), text),
          })
          .strict(),
      )
      .default([]),
    /** Its part in the combined NHS Talking Therapies definitions (CLINICAL.md). */
    combined: z.enum(["depression", "anxiety"]).optional(),
    /**
     * Everyday words for the answers, by the answer's code (LOINC's LA codes) and language: "most
     * days" for "More than half the days". They select the choice with that code when typed as the
     * whole message, beside its label; a questionnaire whose answers carry other codes gets none.
     */
    answerWords: z.record(z.string().min(1), z.record(z.string().min(2), z.array(text))).default({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    // One word for two answers would make a typed word mean either.
    const owner = new Map<string, string>();
    for (const [code, byLanguage] of Object.entries(p.answerWords)) {
      for (const [language, words] of Object.entries(byLanguage)) {
        for (const word of words) {
          const key = `${language}:${word.toLowerCase()}`;
          const other = owner.get(key);
          if (other && other !== code) {
            ctx.addIssue({
              code: "custom",
              message: `"${word}" is a word of answer ${other} too`,
              path: ["answerWords", code, language],
            });
          }
          owner.set(key, code);
        }
      }
    }
    shortNameIssues(p.shortNames).forEach((issue) => {
      ctx.addIssue({ code: "custom", ...issue });
    });
    if (!p.instrument && !p.code) {
      ctx.addIssue({
        code: "custom",
        message: "needs instrument (an id) or code (a panel code)",
        path: ["code"],
      });
    }
    const inRange = (v: number) => v >= p.range.min && v <= p.range.max;
    p.bands.forEach((b, i) => {
      const before = p.bands[i - 1];
      if (i === 0 && b.from !== p.range.min) {
        ctx.addIssue({
          code: "custom",
          message: `the first band must start at ${p.range.min}`,
          path: ["bands", i, "from"],
        });
      }
      if (before && b.from <= before.from) {
        ctx.addIssue({
          code: "custom",
          message: "bands must be in rising order",
          path: ["bands", i, "from"],
        });
      }
      if (!inRange(b.from))
        ctx.addIssue({ code: "custom", message: "must lie in the range", path: ["bands", i, "from"] });
    });
    if (!inRange(p.caseness))
      ctx.addIssue({ code: "custom", message: "must lie in the range", path: ["caseness"] });
    if (p.reliableChange > p.range.max - p.range.min) {
      ctx.addIssue({ code: "custom", message: "is larger than the whole range", path: ["reliableChange"] });
    }
  });

export type ProfileFile = z.infer<typeof profileSchema>;

/** Two short names for one item, or one name for two items in a language, would mislabel a summary. */
function shortNameIssues(names: ProfileFile["shortNames"]): { message: string; path: (string | number)[] }[] {
  const issues: { message: string; path: (string | number)[] }[] = [];
  const items = new Set<number>();
  const owner = new Map<string, number>();
  names.forEach((n, i) => {
    if (items.has(n.item))
      issues.push({ message: `item ${n.item} is named twice`, path: ["shortNames", i, "item"] });
    items.add(n.item);
    for (const [language, label] of Object.entries(n.label)) {
      const key = `${language}:${label.toLowerCase()}`;
      const other = owner.get(key);
      if (other !== undefined)
        issues.push({
          message: `"${label}" names item ${other} too`,
          path: ["shortNames", i, "label", language],
        });
      owner.set(key, n.item);
    }
  });
  return issues;
}
