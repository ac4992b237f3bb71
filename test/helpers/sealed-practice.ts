import { addTherapist, script } from "./cli.js";

/**
 * A practice whose database should hold, once sealed, none of these words in clear: the tests of
 * encryption at rest run it on SQLite (test/cli/encryption.test.ts) and PostgreSQL
 * (test/cli/postgres-encryption.test.ts) and look for them in what the database keeps.
 */
export const SEALED = {
  comment: "MY-SECRET-COMMENT-about-the-panic",
  alias: "zephyrine",
  client: "client-c77",
  risk: "RISK-WORDS-kept-sealed",
  contact: "EMERGENCY-DETAILS-sealed",
} as const;

/** A therapist, a client enrolled, one check-in with a comment and a disclosure, emergency details. */
export async function sealedPractice(env: Record<string, string>): Promise<void> {
  const { alias, client } = SEALED;
  // The therapist's name is staff data, kept in clear (and lower-cased in the index that finds a
  // therapist by name); their console id "rivera" is a platform id, sealed. Different words, so
  // that the tests can look for the id alone.
  const link = await addTherapist(env, "Dr Okafor");
  const setup = await script(env, [`rivera: link ${link}`, `rivera: invite ${alias}`]);
  const code = /^start (\S+)$/m.exec(setup.find((m) => m.text.startsWith("Invite"))?.text ?? "")?.[1];
  await script(env, [
    `${client}: start ${code}`,
    `${client}: yes`,
    `rivera: checkin ${alias}`,
    ...[9, 9, 9, 9, 6, 6, 6, 6, "no"].map((v) => `${client}: ${v}`),
    `${client}: ${SEALED.comment}`,
    `${client}: ${SEALED.risk}, I've been stockpiling my pills`,
    `rivera: contact ${alias} ${SEALED.contact}`,
    `rivera: summary ${alias}`,
  ]);
}
