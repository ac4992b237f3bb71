import { z } from "zod";
import { compilePhrase, PhraseError } from "../clinical/risk-phrases.js";
import { canonicalWords } from "../clinical/risk-tokens.js";
import { fhirMetaSchema } from "../instruments/fhir-meta.js";
import type { MeasureProfile } from "../instruments/profiles.js";
import { MESSAGE_KEYS, MESSAGE_VARS, type MessageKey } from "./catalog.js";

const text = z.string().trim().min(1, "must not be empty");

/** One check-in instrument in one language (prompts/<language>/<instrument>.yaml). */
export const instrumentSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower-case letters, digits or _"),
    language: z.string().min(2),
    title: text,
    intro: text,
    scale: z
      .object({
        min: z.number().int(),
        max: z.number().int(),
        low: text,
        high: text,
      })
      .strict()
      .refine((s) => s.max > s.min, { message: "max must be greater than min", path: ["max"] }),
    /**
     * An item whose answer above a value is a risk disclosure (the safety question; PHQ-9 item 9
     * where a clinic adds the PHQ-9): it sends the crisis message and an urgent alert at once.
     */
    riskItem: z.object({ item: z.string(), above: z.number() }).strict().optional(),
    /**
     * Named choices instead of a numeric scale: a yes/no question, or a 0 to 3 scale with a label
     * for each option ("Not at all" ... "Nearly every day"). Each is a button with its label;
     * its label, its words or its number, typed, select it too.
     */
    choices: z
      .array(
        z
          .object({
            value: z.number().int(),
            label: text,
            words: z.array(z.string().trim().min(1)).default([]),
          })
          .strict(),
      )
      .min(2, "needs at least two choices")
      .optional(),
    items: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower-case letters, digits or _"),
            text,
            short: text,
          })
          .strict(),
      )
      .min(1, "needs at least one item"),
    /** The FHIR Questionnaire it was imported from: canonical URL, linkIds, codes (instruments/fhir-meta.ts). */
    fhir: fhirMetaSchema.optional(),
  })
  .strict()
  .superRefine((inst, ctx) => {
    if (inst.riskItem && !inst.items.some((i) => i.id === inst.riskItem?.item)) {
      ctx.addIssue({
        code: "custom",
        message: `no item "${inst.riskItem.item}" in this instrument`,
        path: ["riskItem", "item"],
      });
    }
    inst.choices?.forEach((choice, i) => {
      if (choice.value < inst.scale.min || choice.value > inst.scale.max) {
        ctx.addIssue({ code: "custom", message: "must lie on the scale", path: ["choices", i, "value"] });
      }
      // Two buttons with one value could not be told apart in the answers.
      if (inst.choices?.findIndex((c) => c.value === choice.value) !== i) {
        ctx.addIssue({ code: "custom", message: "duplicate choice value", path: ["choices", i, "value"] });
      }
    });
    const seen = new Set<string>();
    inst.items.forEach((item, i) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: "custom", message: `duplicate item id "${item.id}"`, path: ["items", i, "id"] });
      }
      seen.add(item.id);
    });
    for (const id of Object.keys(inst.fhir?.items ?? {})) {
      if (!seen.has(id))
        ctx.addIssue({
          code: "custom",
          message: `no item "${id}" in this instrument`,
          path: ["fhir", "items", id],
        });
    }
    inst.fhir?.answers?.forEach((answer, i) => {
      if (!inst.choices?.some((c) => c.value === answer.value)) {
        ctx.addIssue({
          code: "custom",
          message: `no choice with value ${answer.value}`,
          path: ["fhir", "answers", i, "value"],
        });
      }
    });
  });

/**
 * An instrument as the catalog holds it: the file, and the scoring profile the loader matched to it
 * (a measure such as the PHQ-9: direction, bands, caseness, reliable change, risk items).
 */
export type Instrument = z.infer<typeof instrumentSchema> & { profile?: MeasureProfile };

/**
 * The items whose answer above a value is a risk disclosure: the instrument's own (the safety
 * question) and its profile's (PHQ-9 item 9).
 */
export function riskItemsOf(instrument: Instrument): readonly { item: string; above: number }[] {
  return [...(instrument.riskItem ? [instrument.riskItem] : []), ...(instrument.profile?.riskItems ?? [])];
}

/** The highest total an instrument can have: every item at the top of the scale. */
export function maxTotal(instrument: Pick<Instrument, "items" | "scale">): number {
  return instrument.items.length * instrument.scale.max;
}

/** One risk phrase, checked with the compiler the screen uses, so a mistake names its line. */
const riskPhrase = text.superRefine((value, ctx) => {
  try {
    compilePhrase(value);
  } catch (error) {
    if (!(error instanceof PhraseError)) throw error;
    ctx.addIssue({ code: "custom", message: `phrase "${value}": ${error.message}` });
  }
});

/** A filler or a spelling: one word as the screen reads it ("vllt", "nich"), so it cannot hide a phrase. */
const oneWord = text.refine((value) => canonicalWords(value).length === 1, "must be one word");

/**
 * Risk phrases of one language (prompts/<language>/risk.yaml): two tiers and the harmless idioms,
 * and the disclosures that say it is happening now (`acute`, with the past ones that are not).
 */
export const riskListsSchema = z
  .object({
    language: z.string().min(2),
    disclosure: z.array(riskPhrase).min(1, "needs at least one phrase"),
    concern: z.array(riskPhrase).default([]),
    exceptions: z.array(riskPhrase).default([]),
    acute: z.array(riskPhrase).default([]),
    acute_exceptions: z.array(riskPhrase).default([]),
    fillers: z.array(oneWord).default([]),
    spellings: z.array(z.array(oneWord).min(2, "a group needs at least two spellings")).default([]),
  })
  .strict();

// Anything in braces counts, so "{Therapist}" or "{alias2}" is caught at load, not sent as written.
const placeholder = /\{([^{}\n]*)\}/g;

/** A wording template that may use only the listed {placeholders}. */
function template(allowed: readonly string[]) {
  return text.superRefine((value, ctx) => {
    for (const match of value.matchAll(placeholder)) {
      const name = match[1] ?? "";
      if (!allowed.includes(name)) {
        const valid = allowed.length ? allowed.map((a) => `{${a}}`).join(", ") : "none";
        ctx.addIssue({ code: "custom", message: `unknown placeholder {${name}} (valid here: ${valid})` });
      }
    }
  });
}

const messageShape = Object.fromEntries(
  MESSAGE_KEYS.map((key) => [key, template(MESSAGE_VARS[key])]),
) as Record<MessageKey, ReturnType<typeof template>>;

export const CONSENT_VARS = ["therapist", "clinic", "crisis", "questions", "urgent"] as const;

const phrases = z.array(text).min(1);

/**
 * The words people type, in one language: control words (stop, start, help, mydata, forget, each
 * with its slash form), yes and no for consent and confirmations, the numbers 0 to 10 written out,
 * and the words of "7 out of 10". Matched without case and trailing punctuation; yes and no also
 * without inner punctuation, smileys and accents (engine/yes-no.ts).
 */
const chatWordsSchema = z
  .object({
    stop: phrases,
    start: phrases,
    help: phrases,
    mydata: phrases,
    forget: phrases,
    yes: phrases,
    no: phrases,
    numbers: z.array(text).length(11, "numbers: the words for 0 to 10, eleven of them"),
    out_of: phrases,
  })
  .strict();

export type ChatWords = z.infer<typeof chatWordsSchema>;

/** All client- and therapist-facing wording in one language (prompts/<language>/messages.yaml). */
export const messagesSchema = z
  .object({
    language: z.string().min(2),
    consent: z
      .object({
        version: z.number().int().positive(),
        text: template(CONSENT_VARS),
      })
      .strict(),
    messages: z.object(messageShape).strict(),
    words: chatWordsSchema,
  })
  .strict();

export type MessageFile = z.infer<typeof messagesSchema>;
