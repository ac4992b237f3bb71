/**
 * Message keys of the weekly schedule and one-off sessions (`schedule ALIAS`, `session ALIAS`),
 * with the placeholders each may use. Part of the catalog (catalog.ts).
 */
export const SCHEDULE_VARS = {
  schedule_set: ["alias", "day", "time", "duration", "plan", "next", "zone"],
  schedule_set_paused: ["alias", "day", "time", "duration", "plan", "date", "zone"],
  schedule_set_paused_until: ["alias", "day", "time", "duration", "plan", "date", "zone", "until"],
  schedule_replaced: ["day", "time"],
  schedule_shown: ["alias", "day", "time", "duration", "plan", "next", "zone"],
  schedule_shown_paused: ["alias", "day", "time", "duration", "plan", "date", "zone"],
  schedule_shown_paused_until: ["alias", "day", "time", "duration", "plan", "date", "zone", "until"],
  schedule_none: ["alias"],
  schedule_one_off: ["alias", "when", "zone"],
  schedule_pauses: ["days"],
  schedule_off: ["alias"],
  plan_after: [],
  plan_split: ["before"],
  session_set: ["alias", "when", "zone"],
  session_exists: ["alias", "when", "zone"],
  session_in_pause: ["alias", "when", "zone", "days"],
  // what a schedule or session typed could not be read as (schedule-words.ts)
  schedule_weekly_only: ["alias", "example"],
  time_without_meridiem: ["hour"],
  not_understood: ["words"],
} as const satisfies Record<string, readonly string[]>;
