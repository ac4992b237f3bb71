/**
 * Every message key rapport sends, with the placeholders its wording may use.
 * The wording itself lives in prompts/<language>/messages.yaml; this list is what the
 * loader checks each language file against, so a missing or misspelt key stops start-up.
 */
export const MESSAGE_VARS = {
  // people rapport does not know yet
  unknown_sender: [],
  code_invalid: [],
  code_wrong_kind_therapist: [],
  // enrolment and consent
  consent_yes: [],
  consent_no: [],
  consent_reask: [],
  consent_given: ["therapist"],
  consent_declined: [],
  already_enrolled: ["therapist"],
  already_therapist: [],
  // the check-in, client side
  checkin_intro: ["therapist", "count"],
  section_intro: ["title"],
  question: ["position", "count", "item", "low", "high", "min", "max"],
  answer_reask: ["min", "max"],
  comment_prompt: ["therapist"],
  comment_skip: [],
  comment_too_long: ["max"],
  checkin_thanks: ["therapist"],
  old_button: [],
  no_open_question: [],
  client_help: ["crisis"],
  not_available_yet: [],
  therapist_only: [],
  // therapist side
  link_ok: ["name"],
  link_already: ["name"],
  therapist_help: [],
  unknown_command: [],
  usage: ["usage"],
  alias_invalid: [],
  invite_ok: ["alias", "code", "days"],
  invite_link: ["url"],
  invite_exists: ["alias", "status"],
  no_such_client: ["alias"],
  client_not_active: ["alias", "status"],
  checkin_sent: ["alias"],
  checkin_already_open: ["alias", "position", "count"],
  client_joined: ["alias"],
  client_declined: ["alias"],
  // summary of one check-in
  summary_title: ["seq", "alias", "date"],
  summary_total: ["title", "total", "max"],
  summary_change: ["delta"],
  summary_first: [],
  summary_item: ["item", "value"],
  summary_comment: ["comment"],
  summary_no_comment: [],
  summary_flags: [],
  summary_no_flags: [],
  flag_alliance_concern: ["total", "threshold"],
  flag_alliance_drop: ["previous", "total", "drop"],
  flag_alliance_item: ["item", "value", "threshold"],
  flag_progress_clinical: ["total", "cutoff"],
  flag_progress_improved: ["first", "total", "change"],
  flag_progress_deteriorated: ["first", "total", "change"],
  // history and caseload
  history_title: ["alias", "count"],
  history_row: ["seq", "date", "alliance", "progress"],
  history_trend: ["title", "trend", "first", "last"],
  history_empty: ["alias"],
  history_open: ["position", "count"],
  clients_title: ["count"],
  clients_row: ["alias", "status", "last"],
  clients_never: [],
  clients_empty: [],
  status_invited: [],
  status_joining: [],
  status_active: [],
  status_declined: [],
  status_discharged: [],
} as const satisfies Record<string, readonly string[]>;

export type MessageKey = keyof typeof MESSAGE_VARS;
export type MessageVars<K extends MessageKey> = Record<(typeof MESSAGE_VARS)[K][number], string | number>;
export const MESSAGE_KEYS = Object.keys(MESSAGE_VARS) as MessageKey[];
