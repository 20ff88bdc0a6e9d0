/** A scenario is a row of data: what to send, and what the contract says must come back. */
import type { AuthVariant } from './http';

/**
 * Which configured sender fixture the request targets. `any`: the first configured sender of any
 * kind, else the unknown id (auth cases need some sender). `hostile`: generated ids
 * (property-based negative inputs).
 */
export type SenderRole = 'coexistence' | 'noWaba' | 'notCoexistence' | 'unknown' | 'any' | 'hostile';

/** Families group scenarios for summaries and certificates. */
export type ScenarioFamily = 'coexistence' | 'no-waba' | 'not-coexistence' | 'authentication' | 'not-found' | 'negative-inputs';

/** Extra rules beyond status and schema; each names a check that only runs when listed. */
export type ScenarioRule = 'sync-is-coexistence' | 'documented-error-message';

export interface Scenario {
  id: string;
  description: string;
  family: ScenarioFamily;
  request: { sender: SenderRole; auth: AuthVariant };
  expect: {
    status: number;
    /** Other statuses that are just as conformant (e.g. 400 for a malformed id where 404 is expected). */
    alsoAccept?: number[];
    /** Statuses that are correct HTTP but not the contract's answer (414, 431, a case-insensitive scheme): warnings. */
    warnOn?: number[];
    /** Why that status, in words a reviewer reads when it is not met. */
    because: string;
    rules?: ScenarioRule[];
  };
}

/** A scenario bound to a concrete sender id, or skipped with a reason. */
export interface PlannedCase {
  /** Scenario id, plus "[senderId]" when a scenario expands over several fixtures. */
  id: string;
  scenario: Scenario;
  senderId?: string;
  skipReason?: string;
}
