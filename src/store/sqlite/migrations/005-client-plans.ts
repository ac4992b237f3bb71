import type { Migration } from "./migration.js";

export const V5: Migration = {
  version: 5,
  name: "a client's own instrument plan and language",
  sql: `
-- The instruments a client's check-ins ask, in order, as the therapist set them
-- (instruments ALIAS LIST): a JSON array of instrument ids. NULL: the clinic's checkin.instruments.
-- Clear, like the instrument of each answer: rapport reads it to build every check-in.
ALTER TABLE clients ADD COLUMN instruments TEXT CHECK (instruments IS NULL OR json_valid(instruments));

-- The language of a client's prompts, as the therapist set it (language ALIAS CODE): a language
-- folder of the prompts. NULL: the platform's language where there are prompts for it, else the clinic's.
ALTER TABLE clients ADD COLUMN language TEXT;
`,
};
