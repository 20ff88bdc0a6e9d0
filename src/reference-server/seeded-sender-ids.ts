/**
 * The seeded sender ids by role, the shape the mock prints and tests configure from. The values
 * come from the roles of fixtures/senders.json; only the fit of each role is known here, because
 * a role naming the wrong kind of sender would make every case of that role test the wrong thing.
 */
import { SEED_SENDERS, SEEDED_ROLES, type SeedSender } from './seed-senders';
import { OWN_PROJECT, projectOf } from './sender-store';
import type { SeededSenderIds } from './types';

/** A sender of the project the server's key belongs to. */
const own = (sender: SeedSender): boolean => projectOf(sender) === OWN_PROJECT;

/** Active, and both its history and contacts can be synced: a start would change it. */
const activeSyncable = (s: SeedSender): boolean => s.kind === 'coexistence' && s.sync.status === 'active' && s.sync.history.canSync && s.sync.contacts.canSync;

/** What a sender must be to play each role the reference server hands out. */
const FITS: Record<keyof SeededSenderIds, { what: string; fits: (sender: SeedSender) => boolean }> = {
  coexistence: { what: "a coexistence sender of the key's project", fits: (s) => own(s) && s.kind === 'coexistence' },
  noWaba: { what: "a no-waba sender of the key's project", fits: (s) => own(s) && s.kind === 'no-waba' },
  notCoexistence: { what: "a not-coexistence sender of the key's project", fits: (s) => own(s) && s.kind === 'not-coexistence' },
  syncable: {
    what: "an active coexistence sender of the key's project whose history and contacts can both be synced",
    fits: (s) => own(s) && activeSyncable(s),
  },
  syncableConcurrent: {
    what: "an active coexistence sender of the key's project whose history and contacts can both be synced",
    fits: (s) => own(s) && activeSyncable(s),
  },
  notActive: { what: "a coexistence sender of the key's project whose account is not active", fits: (s) => own(s) && s.kind === 'coexistence' && s.sync.status !== 'active' },
  // Syncable, so that a server which ignored projects would visibly serve it, and change it on a start.
  otherProject: {
    what: 'an active, syncable coexistence sender of another project',
    fits: (s) => !own(s) && activeSyncable(s),
  },
};

/** Sender ids by role; throws when a role is missing or names a sender that does not fit it. */
export function seededSenderIds(
  seed: readonly SeedSender[] = SEED_SENDERS,
  roles: Readonly<Record<string, string | readonly string[]>> = SEEDED_ROLES,
): SeededSenderIds {
  const idsOf = (role: keyof SeededSenderIds): string[] => {
    const ids = ([] as string[]).concat(roles[role] ?? []);
    if (ids.length === 0) throw new Error(`The reference seed has no "${role}" sender`);
    for (const id of ids) {
      const sender = seed.find((candidate) => candidate.id === id);
      if (sender === undefined) throw new Error(`The "${role}" role names ${id}, which the reference seed lacks`);
      if (!FITS[role].fits(sender)) throw new Error(`The "${role}" role names ${id}, which is not ${FITS[role].what}`);
    }
    return ids;
  };
  const one = (role: keyof SeededSenderIds): string => {
    const [id, ...more] = idsOf(role);
    if (id === undefined || more.length > 0) throw new Error(`The "${role}" role must name exactly one seeded sender`);
    return id;
  };
  return {
    coexistence: idsOf('coexistence'),
    noWaba: one('noWaba'),
    notCoexistence: one('notCoexistence'),
    syncable: one('syncable'),
    syncableConcurrent: one('syncableConcurrent'),
    notActive: one('notActive'),
    otherProject: one('otherProject'),
  };
}
