/**
 * `pause`'s usage, as replies and hints write it out (therapist-router.ts, command-hint.ts,
 * command-synonyms.ts): the days as FROM..TO (or one day), or a length from today ("2w", "for two
 * weeks", "until jan 10"). The placeholder is filled from the message in a hint ("holiday alex
 * 2w" is `pause alex 2w`). `pause ALIAS off` lifts a pause.
 */
export const PAUSE_USAGE = "pause ALIAS FROM..TO|LENGTH";
