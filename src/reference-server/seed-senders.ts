/**
 * The reference server's fixture data: fixed sender ids so scripts and docs can name them.
 *
 * The coexistence senders TOGETHER cover every enum value of sync.status, history.status and
 * contacts.status, both an explicit null and an omitted optional field, and several time-zone
 * spellings of RFC 3339 date-times, so a suite run against this server exercises the whole schema.
 *
 * canSync rule the data follows: a sync can be initiated only while the WhatsApp account is
 * `active` and that sync was never requested (the spec's example: completed → false,
 * not_requested → true). Anything else (in flight, done, rejected, account not usable) → false.
 */
import type { WhatsAppSyncStatus } from './sync-status';

/** A sender connected in coexistence mode (WhatsApp Business App + Cloud API): answers 200. */
export interface CoexistenceSeedSender {
  id: string;
  kind: 'coexistence';
  /** Why this fixture exists, for people reading test output. */
  note: string;
  sync: WhatsAppSyncStatus;
}

/** A sender the operation refuses with 400: no WABA at all, or a WABA outside coexistence mode. */
export interface RefusedSeedSender {
  id: string;
  kind: 'no-waba' | 'not-coexistence';
  note: string;
}

export type SeedSender = CoexistenceSeedSender | RefusedSeedSender;

/** Every seeded sender. Ids not listed here are unknown (404). */
export const SEED_SENDERS: readonly SeedSender[] = [
  {
    id: 'snd_coex_active',
    kind: 'coexistence',
    note: "the spec's own example: history done, contacts never requested (explicit null)",
    sync: {
      isCoexistence: true,
      status: 'active',
      history: { status: 'completed', canSync: false, requestedAt: '2026-01-15T10:00:00Z', completedAt: '2026-01-15T10:05:00Z' },
      contacts: { status: 'not_requested', canSync: true, requestedAt: null },
    },
  },
  {
    id: 'snd_coex_fresh',
    kind: 'coexistence',
    note: 'just onboarded: history may still be requested; contacts already imported',
    sync: {
      isCoexistence: true,
      status: 'active',
      history: { status: 'not_requested', canSync: true, requestedAt: null, completedAt: null },
      contacts: { status: 'completed', canSync: false, requestedAt: '2026-03-02T09:14:27.512+01:00' },
    },
  },
  {
    id: 'snd_coex_syncing',
    kind: 'coexistence',
    note: 'both syncs in flight; completedAt explicitly null',
    sync: {
      isCoexistence: true,
      status: 'active',
      history: { status: 'syncing', canSync: false, requestedAt: '2026-03-10T16:41:03Z', completedAt: null },
      contacts: { status: 'syncing', canSync: false, requestedAt: '2026-03-10T16:41:05Z' },
    },
  },
  {
    id: 'snd_coex_pending_verification',
    kind: 'coexistence',
    note: 'account not verified yet; every optional timestamp omitted',
    sync: {
      isCoexistence: true,
      status: 'pending_verification',
      history: { status: 'not_requested', canSync: false },
      contacts: { status: 'not_requested', canSync: false },
    },
  },
  {
    id: 'snd_coex_pending_registration',
    kind: 'coexistence',
    note: 'syncs queued while the number registers; completedAt omitted, negative offset',
    sync: {
      isCoexistence: true,
      status: 'pending_registration',
      history: { status: 'pending', canSync: false, requestedAt: '2026-02-27T23:59:59-05:00' },
      contacts: { status: 'pending', canSync: false, requestedAt: '2026-02-27T23:59:59-05:00' },
    },
  },
  {
    id: 'snd_coex_disconnected',
    kind: 'coexistence',
    note: 'the business declined history sharing, then the app was disconnected',
    sync: {
      isCoexistence: true,
      status: 'disconnected',
      history: { status: 'rejected', canSync: false, requestedAt: '2025-11-03T08:00:00.000Z', completedAt: null },
      contacts: { status: 'completed', canSync: false, requestedAt: '2025-11-03T08:00:01.000Z' },
    },
  },
  {
    id: 'snd_coex_error',
    kind: 'coexistence',
    note: 'account in error: nothing can be synced; nulls everywhere',
    sync: {
      isCoexistence: true,
      status: 'error',
      history: { status: 'not_requested', canSync: false, requestedAt: null, completedAt: null },
      contacts: { status: 'not_requested', canSync: false, requestedAt: null },
    },
  },
  { id: 'snd_sms_no_waba', kind: 'no-waba', note: 'an SMS sender without a WhatsApp Business Account' },
  { id: 'snd_waba_cloud_api', kind: 'not-coexistence', note: 'a WABA on the Cloud API only, not in coexistence mode' },
];

/** The seeded sender with this (decoded) id, if any. */
export function findSeedSender(id: string, seed: readonly SeedSender[] = SEED_SENDERS): SeedSender | undefined {
  return seed.find((sender) => sender.id === id);
}
