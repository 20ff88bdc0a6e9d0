/**
 * One store of senders per reference server: the GET and the starts read and change the same
 * records. Seeded by deep copy, and every read is a copy too, so no response, fault or test can
 * change the store (or the seed) by mutating what it was handed.
 */
import { SEED_SENDERS, type SeedSender } from './seed-senders';
import type { WhatsAppSyncStatus } from './sync-status';

export interface SenderStore {
  /** A copy of the sender, or undefined when the id names none. */
  get(id: string): SeedSender | undefined;
  /** Replaces a coexistence sender's sync state (a copy is kept); false when the id names no coexistence sender. */
  setSync(id: string, sync: WhatsAppSyncStatus): boolean;
}

export function createSenderStore(seed: readonly SeedSender[] = SEED_SENDERS): SenderStore {
  const senders = new Map(seed.map((sender) => [sender.id, structuredClone(sender)] as const));
  return {
    get: (id) => {
      const sender = senders.get(id);
      return sender === undefined ? undefined : structuredClone(sender);
    },
    setSync: (id, sync) => {
      const sender = senders.get(id);
      if (sender?.kind !== 'coexistence') return false;
      sender.sync = structuredClone(sync);
      return true;
    },
  };
}

/** The project of the server's own key: senders with no `project` belong to it. */
export const OWN_PROJECT = '';

/** The project a sender belongs to. */
export const projectOf = (sender: SeedSender): string => sender.project ?? OWN_PROJECT;

/**
 * The store as one project sees it: another project's senders are not there (get → undefined,
 * setSync → false), so every handler answers them exactly as an unknown id without knowing why.
 */
export function scopeTo(store: SenderStore, project: string): SenderStore {
  const visible = (id: string): SeedSender | undefined => {
    const sender = store.get(id);
    return sender !== undefined && projectOf(sender) === project ? sender : undefined;
  };
  return {
    get: visible,
    setSync: (id, sync) => visible(id) !== undefined && store.setSync(id, sync),
  };
}
