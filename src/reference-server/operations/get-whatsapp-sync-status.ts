/** getWhatsAppSyncStatus: the sender's sync state, or the documented refusal. */
import { errorResponse, jsonResponse } from '../planned-response';
import type { SenderStore } from '../sender-store';
import type { WhatsAppSyncStatusResponse } from '../sync-status';
import type { PlannedResponse } from '../types';

/** The spec's documented 400 messages (examples no_waba and not_coexistence), verbatim. */
export const NO_WABA_MESSAGE = 'Sender does not have a WhatsApp Business Account connected';
export const NOT_COEXISTENCE_MESSAGE = 'Sync is only available for coexistence accounts';

/** The answer to an authenticated GET for this decoded sender id. */
export function getWhatsAppSyncStatus(senderId: string, store: SenderStore): PlannedResponse {
  const sender = store.get(senderId);
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
