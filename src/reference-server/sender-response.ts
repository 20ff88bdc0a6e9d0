/** What an authenticated caller gets for a sender id: the post-authentication half of the handler. */
import { errorResponse, jsonResponse } from './planned-response';
import { findSeedSender, SEED_SENDERS, type SeedSender } from './seed-senders';
import type { WhatsAppSyncStatusResponse } from './sync-status';
import type { PlannedResponse } from './types';

/** The spec's documented 400 messages (examples no_waba and not_coexistence), verbatim. */
export const NO_WABA_MESSAGE = 'Sender does not have a WhatsApp Business Account connected';
export const NOT_COEXISTENCE_MESSAGE = 'Sync is only available for coexistence accounts';

/**
 * The response for an authenticated request about this decoded sender id. Exported so that
 * test faults can serve "what an authorised caller would have got" without knowing the key.
 */
export function respondForSender(senderId: string, seed: readonly SeedSender[] = SEED_SENDERS): PlannedResponse {
  const sender = findSeedSender(senderId, seed);
  if (sender === undefined) return errorResponse(404, 'not_found', 'Sender not found');
  switch (sender.kind) {
    case 'no-waba':
      return errorResponse(400, 'bad_request', NO_WABA_MESSAGE);
    case 'not-coexistence':
      return errorResponse(400, 'bad_request', NOT_COEXISTENCE_MESSAGE);
    case 'coexistence': {
      const body: WhatsAppSyncStatusResponse = { sync: sender.sync };
      return jsonResponse(200, body);
    }
  }
}
