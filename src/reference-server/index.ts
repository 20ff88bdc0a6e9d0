/** The embedded reference server of GET /v1/senders/{senderId}/whatsapp-sync. */
export { startReferenceServer } from './start-reference-server';
export { handleRequest, ALLOWED_METHODS, type HandlerConfig, type HandledRequest } from './handle-request';
export { planResponse } from './plan-response';
export { respondForSender, NO_WABA_MESSAGE, NOT_COEXISTENCE_MESSAGE } from './sender-response';
export { isAuthorized } from './authorization';
export { generateApiKey, apiKeyProblem } from './api-key';
export { JSON_CONTENT_TYPE, jsonResponse, errorResponse } from './planned-response';
export { SEED_SENDERS, findSeedSender, type SeedSender, type CoexistenceSeedSender, type RefusedSeedSender } from './seed-senders';
export { seededSenderIds } from './seeded-sender-ids';
export * from './sync-status';
export type * from './types';
