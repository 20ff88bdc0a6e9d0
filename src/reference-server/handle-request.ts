/**
 * The reference server's behaviour as a pure function: request summary in, planned response out.
 * Order matters and is part of the contract being modelled:
 *   route → method → authentication → senderId decoding → lookup.
 * Authentication comes before decoding and lookup so an anonymous caller cannot tell a known
 * sender from an unknown one (no id enumeration).
 */
import { isAuthorized } from './authorization';
import { errorResponse, internalErrorResponse } from './planned-response';
import { decodeSegment, matchSyncPath } from './route';
import { SEED_SENDERS, type SeedSender } from './seed-senders';
import { respondForSender } from './sender-response';
import type { PlannedResponse, RequestSummary } from './types';

/** What the handler needs besides the request. */
export interface HandlerConfig {
  apiKey: string;
  seed?: readonly SeedSender[];
}

/** The planned response, and the decoded sender id when the path names one (for faults). */
export interface HandledRequest {
  planned: PlannedResponse;
  senderId?: string;
}

/** Methods served on the sync path; HEAD is GET without a body (RFC 9110 §9.3.2). */
export const ALLOWED_METHODS = ['GET', 'HEAD'] as const;

/** Decides the response to one request. Never throws: an internal failure becomes a 500 Error. */
export function handleRequest(request: RequestSummary, config: HandlerConfig): HandledRequest {
  try {
    return decide(request, config);
  } catch {
    return { planned: internalErrorResponse() };
  }
}

function decide(request: RequestSummary, config: HandlerConfig): HandledRequest {
  const rawSenderId = matchSyncPath(request.path);
  if (rawSenderId === undefined) {
    return { planned: errorResponse(404, 'not_found', `No route for ${request.method} on this path`) };
  }
  const senderId = decodeSegment(rawSenderId);
  const withId = (planned: PlannedResponse): HandledRequest =>
    senderId === undefined ? { planned } : { planned, senderId };

  if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) {
    const message = `Method ${request.method} is not allowed; use GET`;
    return withId(errorResponse(405, 'method_not_allowed', message, { allow: ALLOWED_METHODS.join(', ') }));
  }
  if (!isAuthorized(request.authorization, config.apiKey)) {
    const message =
      request.authorization === undefined
        ? 'Missing Authorization header; expected "Authorization: Bearer <API key>"'
        : 'Invalid API key or authorization scheme; expected "Authorization: Bearer <API key>"';
    return withId(errorResponse(401, 'unauthorized', message, { 'www-authenticate': 'Bearer' }));
  }
  if (senderId === undefined) {
    return { planned: errorResponse(400, 'invalid_request', 'The senderId path segment has a malformed percent-encoding') };
  }
  return withId(respondForSender(senderId, config.seed ?? SEED_SENDERS));
}
