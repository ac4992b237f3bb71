import type { Migration } from "./migration.js";

/** Version 9 in both stores: the way to pause that rapport offered a client, for a typed yes to it. */
const V9_BOTH_STORES = `
-- When rapport last offered the client a break (a line and a "Pause until Jan 4" button, in answer
-- to words asking for one), so that a typed "yes please" does what the button does. NULL: no
-- offer stands. The client's next message takes it, whatever it says.
ALTER TABLE clients ADD COLUMN break_offered_at TEXT;
-- The day the offered break ends, as the button carries it (YYYY-MM-DD in the client's zone);
-- NULL: until the client types start.
ALTER TABLE clients ADD COLUMN break_offered_until TEXT;
-- When rapport asked the client whether a "yes" typed soon after it said something else answered
-- a concern's safety question that had lapsed (late-safety-answer.ts); NULL: nothing to confirm.
ALTER TABLE clients ADD COLUMN safety_confirm_at TEXT;
`;

export const V9: Migration = {
  version: 9,
  name: "a break offered to a client, and a late safety answer to confirm",
  sql: V9_BOTH_STORES,
};
