/**
 * The reference server's sender records, read once from fixtures/senders.json (`seed`): fixed
 * sender ids so scripts and docs can name them. The coexistence senders TOGETHER cover every enum
 * value of sync.status, history.status and contacts.status, both an explicit null and an omitted
 * optional field, and several time-zone spellings of RFC 3339 date-times.
 *
 * canSync rule the data follows: a sync can be initiated only while the WhatsApp account is
 * `active` and that sync was never requested (the spec's example: completed → false,
 * not_requested → true). Anything else (in flight, done, rejected, account not usable) → false.
 */
import { readSenderFixtures } from './sender-fixtures';
import type { WhatsAppSyncStatus } from './sync-status';

/** A sender connected in coexistence mode (WhatsApp Business App + Cloud API): answers 200. */
export interface CoexistenceSeedSender {
  id: string;
  kind: 'coexistence';
  /** Another project than the server key's (absent: the key's own); only that project's key sees it. */
  project?: string;
  /** Why this fixture exists, for people reading test output. */
  note: string;
  sync: WhatsAppSyncStatus;
}

/** A sender the operations refuse with 400: no WABA at all, or a WABA outside coexistence mode. */
export interface RefusedSeedSender {
  id: string;
  kind: 'no-waba' | 'not-coexistence';
  project?: string;
  note: string;
}

export type SeedSender = CoexistenceSeedSender | RefusedSeedSender;

/** Anything that can look a sender up by id: the seed itself, or a server's store. */
export type SenderSource = readonly SeedSender[] | { get(id: string): SeedSender | undefined };

const fixtures = readSenderFixtures();

/** Deep-frozen, so a store that forgot to copy would throw rather than silently change the seed. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Every seeded sender, deep-frozen: stores copy it, nothing mutates it. Ids not listed are unknown (404). */
export const SEED_SENDERS: readonly SeedSender[] = deepFreeze(structuredClone(fixtures.seed));

/** The seeded value(s) of each role in fixtures/senders.json that has any. */
export const SEEDED_ROLES: Readonly<Record<string, string | readonly string[]>> = deepFreeze(structuredClone(fixtures.roles));

/**
 * The sender with this (decoded) id in `source` (default: the seed), if any. Given a store, it is
 * the store's current record, e.g. for a fault that asks what kind of sender a request is about.
 */
export function findSeedSender(id: string, source: SenderSource = SEED_SENDERS): SeedSender | undefined {
  return 'get' in source ? source.get(id) : source.find((sender) => sender.id === id);
}
