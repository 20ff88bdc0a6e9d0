/**
 * startWhatsAppHistorySync and startWhatsAppContactsSync: one model, two parts. The documented
 * order after authentication: unknown sender 404 → no WABA → not coexistence (each operation's own
 * wording) → account not active → that part in progress → rate limit (canSync false) → 202, and
 * the part becomes pending. Messages are the spec's examples, verbatim.
 */
import { errorResponse, jsonResponse } from '../planned-response';
import type { SenderStore } from '../sender-store';
import type { WhatsAppSyncStatus } from '../sync-status';
import type { PlannedResponse } from '../types';
import { NO_WABA_MESSAGE } from './get-whatsapp-sync-status';

export type SyncPart = 'history' | 'contacts';

const WORD: Record<SyncPart, string> = { history: 'History', contacts: 'Contacts' };

/** The documented 400 messages of a start, by example name. */
export function startMessages(part: SyncPart) {
  return {
    no_waba: NO_WABA_MESSAGE,
    not_coexistence: `${WORD[part]} sync is only available for coexistence accounts`,
    not_active: 'WhatsApp account is not active',
    in_progress: `${WORD[part]} sync is already in progress`,
    rate_limit: 'Sync limit reached. Please wait 24 hours before trying again.',
    started: `${WORD[part]} sync initiated`,
  } as const;
}

/** The sync state after an accepted start of `part` at `now`: that part pending, the other as it was. */
export function startedSync(sync: WhatsAppSyncStatus, part: SyncPart, now: Date): WhatsAppSyncStatus {
  const requestedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (part === 'history') return { ...sync, history: { status: 'pending', canSync: false, requestedAt, completedAt: null } };
  return { ...sync, contacts: { status: 'pending', canSync: false, requestedAt } };
}

/** The answer to an authenticated start of `part` for this decoded sender id; a 202 changes the store. */
export function startSync(part: SyncPart, senderId: string, store: SenderStore, now: () => Date): PlannedResponse {
  const messages = startMessages(part);
  const sender = store.get(senderId);
  if (sender === undefined) return errorResponse(404, 'not_found', 'Sender not found');
  if (sender.kind !== 'coexistence') return errorResponse(400, 'bad_request', sender.kind === 'no-waba' ? messages.no_waba : messages.not_coexistence);
  const { sync } = sender;
  if (sync.status !== 'active') return errorResponse(400, 'bad_request', messages.not_active);
  const state = sync[part];
  if (state.status === 'pending' || state.status === 'syncing') return errorResponse(400, 'bad_request', messages.in_progress);
  if (!state.canSync) return errorResponse(400, 'bad_request', messages.rate_limit);
  const next = startedSync(sync, part, now());
  store.setSync(senderId, next);
  return jsonResponse(202, { message: messages.started, sync: next });
}
