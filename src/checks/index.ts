/** The checks layer: every check by name, the registry, and the runner. */
export { allChecks } from './registry';
export { runChecks } from './run-checks';
export type { CheckCrash, CheckRun } from './run-checks';
export { contentTypeCheck } from './content-type';
export { errorMessageDocumentedCheck } from './error-message-documented';
export { jsonBodyCheck } from './json-body';
export { notAServerErrorCheck } from './not-a-server-error';
export { responseSchemaCheck } from './response-schema';
export { statusCodeDocumentedCheck } from './status-code-documented';
export { statusCodeExpectedCheck } from './status-code-expected';
export { syncIsCoexistenceCheck } from './sync-is-coexistence';
export { timeoutCheck } from './timeout';
export { transportErrorCheck } from './transport-error';
export { undocumentedPropertiesCheck } from './undocumented-properties';
