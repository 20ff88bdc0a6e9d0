/** The embedded reference server of the WhatsApp Sync operations. */
export { startReferenceServer, cannotListen } from './start-reference-server';
export { handleRequest, storeOf, ALLOWED_METHODS, type HandlerConfig, type HandledRequest } from './handle-request';
export { planResponse } from './plan-response';
export { getWhatsAppSyncStatus, NO_WABA_MESSAGE, NOT_COEXISTENCE_MESSAGE } from './operations/get-whatsapp-sync-status';
export { startSync, startedSync, startMessages, type SyncPart } from './operations/start-sync';
export { ROUTES, type Route } from './route';
export { createSenderStore, scopeTo, projectOf, OWN_PROJECT, type SenderStore } from './sender-store';
export { isAuthorized } from './authorization';
export { generateApiKey } from './api-key';
export { apiKeyProblem } from '../model/http';
export { JSON_CONTENT_TYPE, jsonResponse, errorResponse } from './planned-response';
export {
  SEED_SENDERS,
  SEEDED_ROLES,
  findSeedSender,
  type SeedSender,
  type SenderSource,
  type CoexistenceSeedSender,
  type RefusedSeedSender,
} from './seed-senders';
export { SENDER_FIXTURES, readSenderFixtures, parseSenderFixtures, type SenderFixtures } from './sender-fixtures';
export { seededSenderIds } from './seeded-sender-ids';
export * from './sync-status';
export type * from './types';
