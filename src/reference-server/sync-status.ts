/**
 * The 200 body of GET /v1/senders/{senderId}/whatsapp-sync as TypeScript types, transcribed from
 * the components of spec/whatsapp-sync.openapi.yaml. Optional-and-nullable fields are `?: … | null`
 * because the contract allows both an explicit null and an omitted field.
 */

/** Every value of WhatsAppSyncStatus.status, in spec order. */
export const SYNC_STATUSES = [
  'pending_verification',
  'pending_registration',
  'active',
  'disconnected',
  'error',
] as const;

/** Every value of WhatsAppSyncHistoryStatus, in spec order. */
export const HISTORY_STATUSES = ['not_requested', 'pending', 'syncing', 'completed', 'rejected'] as const;

/** Every value of WhatsAppSyncContactsStatus, in spec order. */
export const CONTACTS_STATUSES = ['not_requested', 'pending', 'syncing', 'completed'] as const;

export type SyncStatus = (typeof SYNC_STATUSES)[number];
export type HistoryStatus = (typeof HISTORY_STATUSES)[number];
export type ContactsStatus = (typeof CONTACTS_STATUSES)[number];

/** WhatsAppSyncHistory. */
export interface WhatsAppSyncHistory {
  status: HistoryStatus;
  canSync: boolean;
  requestedAt?: string | null;
  completedAt?: string | null;
}

/** WhatsAppSyncContacts. */
export interface WhatsAppSyncContacts {
  status: ContactsStatus;
  canSync: boolean;
  requestedAt?: string | null;
}

/** WhatsAppSyncStatus. */
export interface WhatsAppSyncStatus {
  isCoexistence: boolean;
  status: SyncStatus;
  history: WhatsAppSyncHistory;
  contacts: WhatsAppSyncContacts;
}

/** WhatsAppSyncStatusResponse. */
export interface WhatsAppSyncStatusResponse {
  sync: WhatsAppSyncStatus;
}
