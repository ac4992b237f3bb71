import type { Migration } from "./migration.js";

/** Version 8 in both stores: a client's break with an end ("stop for 2 weeks"). */
const V8_BOTH_STORES = `
-- When a break the client asked for with an end ends: check-ins go out again from then, and the
-- timed steps lift the pause. NULL while paused: until the client types start.
ALTER TABLE clients ADD COLUMN paused_until TEXT;
CREATE INDEX clients_paused_until ON clients(paused_until) WHERE paused_until IS NOT NULL;
`;

export const V8: Migration = {
  version: 8,
  name: "a client's break with an end",
  sql: V8_BOTH_STORES,
};
