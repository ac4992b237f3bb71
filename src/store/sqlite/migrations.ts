import { V1 } from "./migrations/001-checkin-loop.js";
import { V2 } from "./migrations/002-risk-path.js";
import { V3 } from "./migrations/003-repeat-control.js";
import { V4 } from "./migrations/004-sealing-by-place.js";
import { V5 } from "./migrations/005-client-plans.js";
import { V6 } from "./migrations/006-outbox-claims.js";
import { V7 } from "./migrations/007-indexes-for-a-clinic-group.js";
import { V8 } from "./migrations/008-dated-breaks.js";
import { V9 } from "./migrations/009-break-offers.js";
import { V10 } from "./migrations/010-comment-number.js";
import type { Migration } from "./migrations/migration.js";

/**
 * Schema versions, applied in order at start-up and by `rapport migrate`, one file each. Never
 * edit a migration that has shipped; add the next one.
 */
export const MIGRATIONS: readonly Migration[] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10];
