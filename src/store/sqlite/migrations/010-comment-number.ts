import type { Migration } from "./migration.js";

/** Version 10 in both stores: a lone number typed at a check-in's comment, asked about once. */
const V10_BOTH_STORES = `
-- When the client typed a lone number at the comment step ("9", an extra tap after the last score)
-- and was asked whether it was meant as the comment; NULL: not asked. Sent again, it is the
-- comment. Holds no answer: the number itself is not stored until it is the comment.
ALTER TABLE checkins ADD COLUMN comment_number_asked_at TEXT;
`;

export const V10: Migration = {
  version: 10,
  name: "a lone number at the comment, asked about once",
  sql: V10_BOTH_STORES,
};
