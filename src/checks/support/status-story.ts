/**
 * What an unexpected status most likely means, given the one the scenario expected. Design
 * principle 5: "expected 401, got 404" is a security finding, not a number mismatch, and the
 * report should say so. Returns undefined when the pair tells no particular story.
 */
import type { HttpResponse } from '../../model/http';
import { excerpt } from '../../text/plain-text';

export function statusStory(expected: number, response: HttpResponse): string | undefined {
  const received = response.status;
  if (received >= 300 && received < 400) {
    const location = response.headers['location'];
    return `a redirect (not followed)${location === undefined ? '' : ` to ${excerpt(location)}`}`;
  }
  if (received === 429) {
    const retryAfter = response.headers['retry-after'];
    return `rate limited${retryAfter === undefined ? '' : ` (Retry-After: ${excerpt(retryAfter, 100)})`}: the case could not be judged`;
  }
  if (received >= 500) return 'a server error';
  if (expected === 401) return unauthenticatedStory(received);
  if (received === 401) return 'the configured key was rejected: check ZAVU_API_KEY and the target it belongs to';
  if (received === 403) return 'the configured key is not allowed to read this sender';
  if (expected >= 200 && expected < 300 && received === 400) {
    return 'the target refused the sender: check that the configured sender is a connected coexistence account';
  }
  if (expected !== 404 && received === 404) return 'the sender was not found: check the configured sender id';
  if (expected === 404 && received >= 200 && received < 300) {
    return 'an unknown sender id was answered as if it existed';
  }
  if (expected === 400 && received >= 200 && received < 300) {
    return 'sync status was served for a sender the contract says must be refused';
  }
  return undefined;
}

/** Stories for a request that should have been stopped at authentication. */
function unauthenticatedStory(received: number): string | undefined {
  if (received >= 200 && received < 300) return 'authentication not enforced: the request was served';
  if (received === 404) return 'the sender was looked up before authenticating: sender ids can be enumerated';
  if (received === 400) {
    return "the sender was inspected before authenticating: its connection state leaks to unauthenticated callers";
  }
  if (received === 403) return '403 means "authenticated but not allowed"; missing or invalid credentials call for 401';
  return undefined;
}
