/** The seeded sender ids by role, the shape the mock prints and tests configure from. */
import { SEED_SENDERS, SEEDED_ROLES, type SeedSender } from './seed-senders';
import type { SeededSenderIds } from './types';

/** Sender ids by role (fixtures/senders.json); throws when a role names a sender the seed lacks. */
export function seededSenderIds(seed: readonly SeedSender[] = SEED_SENDERS, roles: Readonly<Record<string, string | string[]>> = SEEDED_ROLES): SeededSenderIds {
  const known = new Set(seed.map((sender) => sender.id));
  const one = (role: string): string => {
    const value = roles[role];
    const id = Array.isArray(value) ? value[0] : value;
    if (id === undefined || !known.has(id)) throw new Error(`The reference seed has no "${role}" sender`);
    return id;
  };
  const coexistence = ([] as string[]).concat(roles['coexistence'] ?? []).filter((id) => known.has(id));
  if (coexistence.length === 0) throw new Error('The reference seed has no "coexistence" sender');
  return { coexistence, noWaba: one('noWaba'), notCoexistence: one('notCoexistence'), syncable: one('syncable'), notActive: one('notActive') };
}
