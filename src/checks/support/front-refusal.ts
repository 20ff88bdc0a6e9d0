/**
 * A front's refusal of a case's credentials: a request whose Authorization header a standard front
 * (reverse proxy, CDN edge) refuses by itself, answered with that front's own status and page
 * before any route, so the API never saw it. The negative property's fronts (an encoded NUL, an
 * overlong segment) are judge-negative-exchange's; these are the credential cases'.
 */
import type { AuthVariant, Exchange, HttpResponse } from '../../model/http';
import { parseJsonBody } from './parsed-body';

/**
 * The status each front answers a credential variant with, which front and why, in words, and the
 * message of a front's own JSON page for it, if one answers so (`jsonMessage`).
 */
const REFUSALS: Partial<Record<AuthVariant, { status: number; front: string; jsonMessage?: string }>> = {
  'long-token': {
    status: 494,
    front: "a token over 8 KB, a front's refusal (nginx's own status for a request header past large_client_header_buffers, 8k by default: 494 Request Header Too Large, which it sends as 400 unless an error_page for 494 keeps it on the wire, as Kong's does, with a JSON page of its own to a client that accepts JSON)",
    // Kong's error handler (error_page 494 =494): {"message": "..."} to a client that accepts JSON,
    // as the suite's requests say they do. No code: the contract's Error with these words is the API's.
    jsonMessage: 'Request header or cookie too large',
  },
  'control-chars': {
    status: 400,
    front: "a token ending in the byte 0x85, a front's refusal (Kestrel, under ASP.NET Core and YARP, reads a header field as ASCII or UTF-8 and refuses one that is neither before any route, with a bare 400 of its own)",
  },
};

/**
 * A front's page: an empty body, or one that is no JSON at all (an HTML or plain-text page), or the
 * front's own JSON page (`jsonMessage`: an object with those words and no code). Any other JSON
 * body, whatever its label or shape, is the API's (or something speaking for it) and is judged as
 * such; a body cut at the size bound is body-too-large's.
 */
function frontsPage(response: HttpResponse, jsonMessage: string | undefined): boolean {
  const parsed = parseJsonBody(response);
  if (!parsed.ok) return parsed.reason === 'empty' || parsed.reason === 'invalid';
  const value = parsed.value;
  return jsonMessage !== undefined && typeof value === 'object' && value !== null && !Array.isArray(value) && !('code' in value) && (value as { message?: unknown }).message === jsonMessage;
}

/**
 * Which front refused the exchange's request, and why, when its answer is that front's status with
 * a page of its own to a credential that front refuses; undefined otherwise. The same status with
 * JSON, or to any other credential, is the API's answer.
 */
export function frontRefusal(exchange: Exchange): string | undefined {
  const refusal = REFUSALS[exchange.request.authVariant];
  const response = exchange.response;
  if (refusal === undefined || response === undefined || response.status !== refusal.status) return undefined;
  return frontsPage(response, refusal.jsonMessage) ? refusal.front : undefined;
}
