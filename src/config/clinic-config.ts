import { z } from "zod";

/**
 * The clinic's own settings (RAPPORT_CONFIG, YAML). Every field has a default, so a clinic
 * writes only what it changes. The clinical defaults are those of CLINICAL.md.
 */
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time of day, "08:00"; "8:00", as people write it, is read as "08:00". */
const timeOfDay = (fallback: string) =>
  z
    .preprocess(
      (v) => (typeof v === "string" && /^\d:[0-5]\d$/.test(v.trim()) ? `0${v.trim()}` : v),
      z.string().regex(HHMM, "must be a time of day, HH:MM (such as 08:00)"),
    )
    .default(fallback);

/**
 * The built-in check-ins' ranges (CLINICAL.md): four items of 0 to 10 each, totals 0 to 40. A
 * threshold outside them could never fire, or would always fire: refused, naming the range.
 */
const ITEM_MAX = 10;
const ALLIANCE_TOTAL = 4 * ITEM_MAX;
const PROGRESS_TOTAL = 4 * ITEM_MAX;

/** A threshold on a score that runs from `min` to `max`. */
const within = (min: number, max: number, what: string, fallback: number) => {
  const message = `must be from ${min} to ${max}, the range of ${what}`;
  return z.number().min(min, message).max(max, message).default(fallback);
};

/** A change in a score of at most `max` points: more than 0, and no more than the whole range. */
const aboveZero = (max: number, what: string, fallback: number) => {
  const message = `must be more than 0 and at most ${max}, the range of ${what}`;
  return z.number().positive(message).max(max, message).default(fallback);
};

// A section may be left out or given in part: missing fields take their defaults.
const section = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object(shape)
    .strict()
    .prefault(() => ({}) as never);

export const clinicConfigSchema = z
  .object({
    clinic: section({
      /** Unset: the prompts name it in the client's language ("your practice", "deine Praxis"). */
      name: z.string().trim().min(1).optional(),
      /**
       * Shown at enrolment, in help and first on any risk disclosure: local emergency numbers. One
       * text, or one per language (`en: …`, `de: …`), with one for the clinic's language, which
       * the others fall back to; settings.ts checks that.
       */
      crisisText: z
        .union([
          z.string().trim().min(1),
          z.record(z.string().regex(/^[a-z]{2,3}$/, "a language code such as de"), z.string().trim().min(1)),
        ])
        .optional(),
      language: z.string().min(2).default("en"),
      /** IANA zone for dates in summaries and lists. */
      timeZone: z
        .string()
        .default("UTC")
        .refine(isTimeZone, { message: "must be an IANA time zone such as Europe/Berlin" }),
    }),
    checkin: section({
      instruments: z.array(z.string().min(1)).min(1).default(["alliance", "progress"]),
      commentMaxLength: z.number().int().min(100).max(4000).default(2000),
    }),
    codes: section({ expiryDays: z.number().int().min(1).max(90).default(7) }),
    thresholds: section({
      /** Alliance total below this is a concern (SRS cutoff, Duncan et al. 2003). */
      allianceConcern: within(0, ALLIANCE_TOTAL, "the alliance check-in's total", 36),
      /** A fall of at least this many points from the previous alliance check-in. */
      allianceDrop: aboveZero(ALLIANCE_TOTAL, "the alliance check-in's total", 1),
      /**
       * A fall of this many points is a clear one: a repeated alliance warning grows firmer with it
       * (src/clinical/alliance-repeat.ts). Wording only; when a warning repeats is allianceDrop's.
       */
      allianceClearFall: aboveZero(ALLIANCE_TOTAL, "the alliance check-in's total", 5),
      /** Any single alliance item below this is worth asking about. */
      allianceItem: within(0, ITEM_MAX, "an alliance item's score", 9),
      /** Raw reliable change on the progress check-in (ORS reliable change index). */
      progressReliableChange: aboveZero(PROGRESS_TOTAL, "the progress check-in's total", 5),
      /** Progress totals below these are the clinical range, by age band. */
      cutoffs: section({
        adult: within(0, PROGRESS_TOTAL, "the progress check-in's total", 25),
        adolescent: within(0, PROGRESS_TOTAL, "the progress check-in's total", 28),
        child: within(0, PROGRESS_TOTAL, "the progress check-in's total", 32),
      }),
    }),
    ruleMethod: section({
      /** No reliable improvement by this progress check-in: "no change yet". */
      noChangeAt: z.number().int().min(2).default(4),
      /** Still none by this one: "consider a change of plan". */
      changePlanAt: z.number().int().min(3).default(8),
    }).refine((r) => r.changePlanAt > r.noChangeAt, {
      message: "changePlanAt must be later than noChangeAt",
      path: ["changePlanAt"],
    }),
    trajectory: section({
      /** Illustrative priors, not validated norms: messages say "default trajectory". */
      b0: z.number().default(1.4),
      b1: z.number().default(0.34),
      sigma: z.number().positive().default(5.5),
      z: z.number().positive().default(1.28),
      onTrackWidth: z.number().min(0).default(0.5),
    }),
    calibration: section({
      minEpisodes: z.number().int().min(2).default(50),
      minCheckins: z.number().int().min(2).default(3),
    }),
    schedule: section({
      /** A check-in goes out this long after the session ends. */
      delayMinutes: z.number().int().min(0).max(1440).default(10),
      defaultDurationMinutes: z.number().int().min(5).max(480).default(50),
      /** "after": both check-ins after the session; "split": progress before the next session, alliance after. */
      plan: z.enum(["after", "split"]).default("after"),
      progressBeforeMinutes: z.number().int().min(0).max(2880).default(60),
      reminderAfterHours: z.number().positive().max(168).default(4),
      expireAfterHours: z.number().positive().max(720).default(48),
      quietHours: section({
        start: timeOfDay("21:00"),
        end: timeOfDay("08:00"),
      }),
    }).refine((s) => s.expireAfterHours > s.reminderAfterHours, {
      message: "expireAfterHours must be later than reminderAfterHours",
      path: ["expireAfterHours"],
    }),
    digest: section({
      enabled: z.boolean().default(true),
      day: z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]).default("mon"),
      time: timeOfDay("08:00"),
    }),
    delivery: section({
      /** Attempts for an ordinary message before it is marked failed and the therapist told. */
      maxAttempts: z.number().int().min(1).max(50).default(8),
      /**
       * Overrides every channel's sending limits (messages a second), for a platform plan with
       * other limits, or a benchmark that measures rapport rather than the platform.
       */
      perRecipientPerSecond: z.number().positive().optional(),
      overallPerSecond: z.number().positive().optional(),
    }),
    limits: section({
      /**
       * Messages one sender may have handled in a minute; more are dropped with one notice
       * (src/engine/flood-limiter.ts), never a possible risk disclosure. Up to 100,000, so that a
       * load test (bench/) can send as one simulated client far faster than a person types.
       */
      messagesPerMinute: z.number().int().min(10).max(100_000).default(30),
    }),
    risk: section({
      /** The optional "thoughts of harming yourself" question at the end of the progress check-in. */
      safetyQuestion: z.boolean().default(true),
      escalateAfterMinutes: z.number().positive().max(1440).default(30),
      /**
       * An alert whose words say it is happening now ("i took 30 pills just now") goes to the on-call
       * contact after this long instead; unset: 10, or escalateAfterMinutes when that is shorter.
       */
      acuteEscalateMinutes: z.number().positive().max(1440).optional(),
      /**
       * An alert nobody acknowledged is sent again after this long, then after twice as long each
       * time, up to `repeatMaxMinutes`, until someone acknowledges it.
       */
      repeatMinutes: z.number().positive().max(1440).default(30),
      /** The longest wait between two repeats; set it to repeatMinutes to repeat at one pace. */
      repeatMaxMinutes: z.number().positive().max(1440).default(240),
      /** Name of a registered therapist (`rapport therapist add`) who gets unacknowledged urgent alerts. */
      onCall: z.string().trim().min(1).optional(),
    })
      .refine((r) => r.repeatMaxMinutes >= r.repeatMinutes, {
        // Else the first wait would be the longest, against "up to repeatMaxMinutes between repeats".
        message:
          "repeatMaxMinutes must be at least repeatMinutes: it is the longest wait between two repeats, and the first wait is repeatMinutes (set both alike to repeat at one pace)",
        path: ["repeatMaxMinutes"],
      })
      .refine(
        (r) => r.acuteEscalateMinutes === undefined || r.acuteEscalateMinutes <= r.escalateAfterMinutes,
        {
          // An alert that may be happening now must not wait longer than any other.
          message:
            "acuteEscalateMinutes must be at most escalateAfterMinutes: an alert that may be happening now goes to the on-call contact sooner than others, never later",
          path: ["acuteEscalateMinutes"],
        },
      ),
    fhir: section({
      /**
       * Base of the canonical URLs of rapport's own instruments in `rapport export --format fhir`
       * ({baseUrl}/Questionnaire/{id}) and of the entries' fullUrl. An imported questionnaire keeps its own URL.
       */
      baseUrl: z
        .string()
        .regex(
          /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
          "must be an http(s) URL without ? or #, such as https://fhir.example.org/r4",
        )
        .transform((url) => url.replace(/\/+$/, ""))
        .default("https://rapport.invalid/fhir"),
    }),
    /**
     * What a therapist gets per completed check-in: the full summary with its warnings, or only
     * the headline and the warnings (a therapist can choose for themselves: summaries compact|full).
     */
    summaries: z.enum(["compact", "full"]).default("full"),
    /**
     * Charts of a client's scores: with every check-in's summary too (each), only when a therapist
     * asks (`chart ALIAS`, `summary ALIAS`) and in the weekly digest (on-request), or never (off).
     */
    charts: z.enum(["each", "on-request", "off"]).default("on-request"),
  })
  .strict();

export type ClinicConfig = z.infer<typeof clinicConfigSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
