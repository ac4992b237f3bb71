import type { Migration } from "./migration.js";

/** Version 9 in both stores: the way to pause that rapport offered a client, for a typed yes to it. */
export const V9_BOTH_STORES = `
-- When rapport last offered the client a break (a line and a "Pause until Jan 4" button, in answer
-- to words asking for one), so that a typed "yes please" does what the button does. NULL: no
-- offer stands. The client's next message takes it, whatever it says.
ALTER TABLE clients ADD COLUMN break_offered_at TEXT;
-- The day the offered break ends, as the button carries it (YYYY-MM-DD in the client's zone);
-- NULL: until the client types start.
ALTER TABLE clients ADD COLUMN break_offered_until TEXT;
`;

export const V9: Migration = {
  version: 9,
  name: "a break offered to a client",
  sql: V9_BOTH_STORES,
};
