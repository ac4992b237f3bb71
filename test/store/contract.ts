import { describe } from "vitest";
import { adminContract } from "./contract/admin.js";
import { breakOfferContract } from "./contract/break-offers.js";
import { checkinContract } from "./contract/checkins.js";
import { clinicalContract } from "./contract/clinical.js";
import { erasureContract } from "./contract/erasure.js";
import type { OpenStore } from "./contract/harness.js";
import { outboxContract } from "./contract/outbox.js";
import { outboxComebackContract } from "./contract/outbox-comeback.js";
import { peopleContract } from "./contract/people.js";
import { privacyContract } from "./contract/privacy.js";
import { riskAlertContract } from "./contract/risk-alerts.js";
import { riskEventContract } from "./contract/risk-events.js";
import { timedContract } from "./contract/timed.js";

export type { OpenStore } from "./contract/harness.js";

/**
 * The store contract: what any Store implementation must do, asserted through the Store and Tx
 * interfaces only (no SQL). SQLite runs it (store-contract.test.ts), plain and sealed; a second
 * store (PostgreSQL) is held to the same suite. Every Tx and Store method is exercised
 * (store-contract.test.ts checks that it stays so); each part is in contract/.
 */
export function runStoreContract(name: string, open: OpenStore): void {
  describe(`store contract: ${name}`, () => {
    peopleContract(open);
    breakOfferContract(open);
    adminContract(open);
    checkinContract(open);
    timedContract(open);
    riskAlertContract(open);
    riskEventContract(open);
    clinicalContract(open);
    privacyContract(open);
    erasureContract(open);
    outboxContract(open);
    outboxComebackContract(open);
  });
}
