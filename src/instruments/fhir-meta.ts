import { z } from "zod";

/**
 * What an instrument keeps of the FHIR Questionnaire it came from (the `fhir:` block of
 * prompts/<language>/<id>.yaml), so that `rapport export --format fhir` gives back the same
 * canonical URL, linkIds and codes. Structure only: the wording stays in the instrument's own
 * fields. Every field is optional, so rapport's own instruments need no block at all.
 */
export const codingSchema = z
  .object({
    system: z.string().trim().min(1),
    code: z.string().trim().min(1),
    display: z.string().trim().min(1).optional(),
  })
  .strict();

export type Coding = z.infer<typeof codingSchema>;

const itemId = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower-case letters, digits or _");

export const fhirMetaSchema = z
  .object({
    /** The Questionnaire's canonical URL; without it, the clinic's base URL and the instrument id. */
    url: z.string().trim().min(1).optional(),
    version: z.string().trim().min(1).optional(),
    /** The Questionnaire's machine name. */
    name: z.string().trim().min(1).optional(),
    /** Codes of the whole questionnaire (LOINC panel codes): they pick a built-in scoring profile. */
    code: z.array(codingSchema).default([]),
    /** How answers are typed in FHIR when the instrument has no named choices. */
    answerType: z.enum(["integer", "decimal"]).default("decimal"),
    /** Per rapport item id: the Questionnaire's linkId and the item's codes. */
    items: z
      .record(
        itemId,
        z.object({ linkId: z.string().trim().min(1), code: z.array(codingSchema).default([]) }).strict(),
      )
      .default({}),
    /** The computed total of the Questionnaire (a read-only item), with its codes. */
    total: z
      .object({ linkId: z.string().trim().min(1), code: z.array(codingSchema).default([]) })
      .strict()
      .optional(),
    /**
     * The coded answer of each choice, by its value (LOINC answer codes; yes/no codes). Choices
     * without one are exported with the value as an integer answer.
     */
    answers: z
      .array(
        z
          .object({
            value: z.number(),
            system: z.string().trim().min(1).optional(),
            code: z.string().trim().min(1),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type FhirMeta = z.infer<typeof fhirMetaSchema>;
/** The block as written in a file, where defaulted fields may be left out. */
export type FhirMetaInput = z.input<typeof fhirMetaSchema>;
