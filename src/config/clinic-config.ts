import { z } from "zod";

/**
 * The clinic's own settings (RAPPORT_CONFIG, YAML). Every field has a default, so a clinic
 * writes only what it changes. The clinical defaults are those of CLINICAL.md.
 */
export const clinicConfigSchema = z
  .object({
    clinic: z
      .object({
        name: z.string().trim().min(1).default("your practice"),
        /** Shown at enrolment, in help and (later) on any risk disclosure: local emergency numbers. */
        crisisText: z.string().trim().min(1).optional(),
        language: z.string().min(2).default("en"),
        /** IANA zone for dates in summaries and lists. */
        timeZone: z
          .string()
          .default("UTC")
          .refine(isTimeZone, { message: "must be an IANA time zone such as Europe/Berlin" }),
      })
      .strict()
      .default({ name: "your practice", language: "en", timeZone: "UTC" }),
    checkin: z
      .object({
        instruments: z.array(z.string().min(1)).min(1).default(["alliance", "progress"]),
        commentMaxLength: z.number().int().min(100).max(4000).default(2000),
      })
      .strict()
      .default({ instruments: ["alliance", "progress"], commentMaxLength: 2000 }),
    codes: z
      .object({ expiryDays: z.number().int().min(1).max(90).default(7) })
      .strict()
      .default({ expiryDays: 7 }),
    thresholds: z
      .object({
        /** Alliance total below this is a concern (SRS cutoff, Duncan et al. 2003). */
        allianceConcern: z.number().default(36),
        /** A fall of at least this many points from the previous alliance check-in. */
        allianceDrop: z.number().positive().default(1),
        /** Any single alliance item below this is worth asking about. */
        allianceItem: z.number().default(9),
        /** Progress total below this is the clinical range for adults (ORS norms). */
        progressCutoff: z.number().default(25),
        /** Raw reliable change on the progress check-in (ORS reliable change index). */
        progressReliableChange: z.number().positive().default(5),
      })
      .strict()
      .default({
        allianceConcern: 36,
        allianceDrop: 1,
        allianceItem: 9,
        progressCutoff: 25,
        progressReliableChange: 5,
      }),
  })
  .strict();

export type ClinicConfig = z.infer<typeof clinicConfigSchema>;
export type Thresholds = ClinicConfig["thresholds"];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
