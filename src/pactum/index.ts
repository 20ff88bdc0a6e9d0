/**
 * `zavu-conformance/pactum`: expect handlers for an API team's own PactumJS specs, judging with
 * the same code as the Jest matchers (`zavu-conformance/jest`). pactum is an optional peer
 * dependency: install it yourself; this entry requires it only when `registerZavuHandlers` is
 * called without your `handler`.
 *
 * @example
 * import { handler, spec } from 'pactum';
 * import { registerZavuHandlers } from 'zavu-conformance/pactum';
 * registerZavuHandlers(handler);
 * await spec().get(url).withHeaders(auth).expect('zavuContract', { operationId: 'getWhatsAppSyncStatus', status: 200 });
 * await spec().get(missing).withHeaders(auth).expect('zavuError', 404);
 *
 * @packageDocumentation
 */
export { registerZavuHandlers, type PactumHandler } from './register-zavu-handlers';
export { ZAVU_EXPECT_HANDLERS, zavuContractHandler, zavuErrorHandler, type PactumExpectContext, type ZavuContractExpectation, type ZavuErrorExpectation } from './expect-handlers';
