/**
 * The reference server's fixture data, read from fixtures/senders.json (`seed`): fixed sender ids
 * so scripts and docs can name them. The coexistence senders TOGETHER cover every enum value of
 * sync.status, history.status and contacts.status, both an explicit null and an omitted optional
 * field, and several time-zone spellings of RFC 3339 date-times.
 *
 * canSync rule the data follows: a sync can be initiated only while the WhatsApp account is
 * `active` and that sync was never requested (the spec's example: completed → false,
 * not_requested → true). Anything else (in flight, done, rejected, account not usable) → false.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';
import type { WhatsAppSyncStatus } from './sync-status';

/** A sender connected in coexistence mode (WhatsApp Business App + Cloud API): answers 200. */
export interface CoexistenceSeedSender {
  id: string;
  kind: 'coexistence';
  /** Why this fixture exists, for people reading test output. */
  note: string;
  sync: WhatsAppSyncStatus;
}

/** A sender the operations refuse with 400: no WABA at all, or a WABA outside coexistence mode. */
export interface RefusedSeedSender {
  id: string;
  kind: 'no-waba' | 'not-coexistence';
  note: string;
}

export type SeedSender = CoexistenceSeedSender | RefusedSeedSender;

/** The fixture file the seed and the roles come from. */
export const SENDER_FIXTURES = join(packageRoot, 'fixtures', 'senders.json');

interface SenderFixtureFile {
  roles: Record<string, { seeded?: string | string[] }>;
  seed: SeedSender[];
}

function readFixtures(): SenderFixtureFile {
  const data = JSON.parse(readFileSync(SENDER_FIXTURES, 'utf8')) as Partial<SenderFixtureFile>;
  const seed = data.seed;
  // The suite's own file: a broken one is a bug to see at once, not a server that answers 404 to everything.
  if (!Array.isArray(seed) || seed.length === 0 || typeof data.roles !== 'object') throw new Error(`${SENDER_FIXTURES}: no "seed" records or "roles"`);
  for (const [index, sender] of seed.entries()) {
    const ok = typeof sender?.id === 'string' && ['coexistence', 'no-waba', 'not-coexistence'].includes(sender.kind) && (sender.kind !== 'coexistence' || typeof sender.sync === 'object');
    if (!ok) throw new Error(`${SENDER_FIXTURES}: /seed/${index} is not a sender record (id, kind, and sync for coexistence)`);
  }
  return data as SenderFixtureFile;
}

const fixtures = readFixtures();

/** Every seeded sender, frozen: stores copy it, nothing mutates it. Ids not listed here are unknown (404). */
export const SEED_SENDERS: readonly SeedSender[] = Object.freeze(fixtures.seed.map((sender) => Object.freeze(structuredClone(sender))));

/** The seeded value(s) of each role in fixtures/senders.json. */
export const SEEDED_ROLES: Readonly<Record<string, string | string[]>> = Object.fromEntries(
  Object.entries(fixtures.roles).flatMap(([name, role]) => (role.seeded === undefined ? [] : [[name, role.seeded]])),
);

/** The seeded sender with this (decoded) id, if any. */
export function findSeedSender(id: string, seed: readonly SeedSender[] = SEED_SENDERS): SeedSender | undefined {
  return seed.find((sender) => sender.id === id);
}
