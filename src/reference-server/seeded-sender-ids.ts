/** Groups the seed's sender ids by role, the shape the CLI prints and tests configure from. */
import { SEED_SENDERS, type SeedSender } from './seed-senders';
import type { SeededSenderIds } from './types';

/** Sender ids by role; throws when the seed lacks a role, because every scenario needs one. */
export function seededSenderIds(seed: readonly SeedSender[] = SEED_SENDERS): SeededSenderIds {
  const idOf = (kind: SeedSender['kind']): string => {
    const sender = seed.find((candidate) => candidate.kind === kind);
    if (sender === undefined) throw new Error(`The reference seed has no "${kind}" sender`);
    return sender.id;
  };
  return {
    coexistence: seed.filter((sender) => sender.kind === 'coexistence').map((sender) => sender.id),
    noWaba: idOf('no-waba'),
    notCoexistence: idOf('not-coexistence'),
  };
}
