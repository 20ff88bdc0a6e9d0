/**
 * Every check, in the order reports list them: whether a response came back at all (and whole), then its
 * status, then its framing (Content-Type, JSON), then its content (schema, extras, rules). A
 * reader then meets the root cause before its consequences.
 */
import type { Check } from '../model/check';
import { authChallengeCheck } from './auth-challenge';
import { contentTypeCheck } from './content-type';
import { errorMessageDocumentedCheck } from './error-message-documented';
import { acceptedMessageNotRefusalCheck } from './accepted-message-not-refusal';
import { jsonBodyCheck } from './json-body';
import { notAServerErrorCheck } from './not-a-server-error';
import { rateLimitedCheck } from './rate-limited';
import { responseSchemaCheck } from './response-schema';
import { statusCodeDocumentedCheck } from './status-code-documented';
import { statusCodeExpectedCheck } from './status-code-expected';
import { bodyAssertionsCheck } from './body-assertions';
import { bodyTooComplexCheck } from './body-too-complex';
import { bodyTooLargeCheck } from './body-too-large';
import { timeoutCheck } from './timeout';
import { transportErrorCheck } from './transport-error';
import { undocumentedPropertiesCheck } from './undocumented-properties';
import { duplicateKeysCheck } from './duplicate-keys';
import { sharedCacheCheck } from './shared-cache';
import { internalErrorExposedCheck } from './internal-error-exposed';
import { allowOn405Check } from './allow-on-405';
import { credentialEchoedCheck } from './credential-echoed';

export const allChecks: readonly Check[] = Object.freeze([
  transportErrorCheck,
  timeoutCheck,
  bodyTooLargeCheck,
  rateLimitedCheck,
  notAServerErrorCheck,
  statusCodeExpectedCheck,
  statusCodeDocumentedCheck,
  authChallengeCheck,
  allowOn405Check,
  sharedCacheCheck,
  contentTypeCheck,
  jsonBodyCheck,
  bodyTooComplexCheck,
  responseSchemaCheck,
  undocumentedPropertiesCheck,
  duplicateKeysCheck,
  bodyAssertionsCheck,
  errorMessageDocumentedCheck,
  acceptedMessageNotRefusalCheck,
  internalErrorExposedCheck,
  credentialEchoedCheck,
]);

/**
 * The checks of a probe's answer, a HEAD or an OPTIONS a step sends in place of the operation's
 * method: whether it came, and its status. A HEAD's has no body (RFC 9110 §9.3.2) and its headers
 * need not be the GET's ("SHOULD send the same"); the contract documents neither method. A
 * credential echoed in a probe's headers is a finding all the same.
 */
export const probeChecks: readonly Check[] = Object.freeze([transportErrorCheck, timeoutCheck, rateLimitedCheck, notAServerErrorCheck, statusCodeExpectedCheck, authChallengeCheck, allowOn405Check, credentialEchoedCheck]);
