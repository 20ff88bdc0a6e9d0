/**
 * "shared-cache": an answer to a request with credentials does not invite shared caches to reuse
 * it. RFC 9111 §3.5: a shared cache (a CDN, a corporate proxy) MUST NOT reuse such an answer for
 * a later request unless its Cache-Control says `public`, `s-maxage` or `must-revalidate`; with one
 * of them and a freshness lifetime, the next caller of the same URL, with no credentials or
 * another project's, gets this sender's sync status from the cache. The contract requires bearer
 * credentials for every operation, so an answer that waives that for caches breaks it wherever a
 * standard cache stands in front.
 */
import type { Check } from '../model/check';
import { judgedResponse } from './support/outside-contract';
import { excerpt } from '../text/plain-text';

/** The directives of a Cache-Control value: lower-case names, with their value when one is given. */
function directives(value: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const part of value.split(',')) {
    const [name = '', argument] = part.split('=', 2).map((text) => text.trim());
    if (name !== '') found.set(name.toLowerCase(), argument?.replace(/^"|"$/g, ''));
  }
  return found;
}

const seconds = (text: string | undefined): number => (text !== undefined && /^\d+$/.test(text) ? Number(text) : 0);

/** Why a shared cache may serve this answer to another caller, or undefined when it may not. */
function sharedReuse(cacheControl: string): string | undefined {
  const d = directives(cacheControl);
  if (d.has('private') || d.has('no-store') || d.has('no-cache')) return undefined;
  if (d.has('public')) return '"public" lets a shared cache store it and serve it to any caller of the URL';
  if (seconds(d.get('s-maxage')) > 0) return '"s-maxage" lets a shared cache store it and serve it to any caller of the URL while fresh';
  if (d.has('must-revalidate') && seconds(d.get('max-age')) > 0) return '"must-revalidate" with a max-age lets a shared cache store it and serve it to any caller of the URL while fresh';
  return undefined;
}

export const sharedCacheCheck: Check = {
  id: 'shared-cache',
  title: 'An answer to a request with credentials is not reusable by shared caches',
  run(exchange, context) {
    const response = judgedResponse(exchange, context.expect);
    if (response === undefined || response.status < 200 || response.status >= 300) return [];
    if (exchange.request.headers['authorization'] === undefined) return [];
    const cacheControl = response.headers['cache-control'];
    const why = cacheControl === undefined ? undefined : sharedReuse(cacheControl);
    if (cacheControl === undefined || why === undefined) return [];
    return [
      {
        check: 'shared-cache',
        severity: 'error',
        title: 'A shared cache may serve this authenticated answer to other callers',
        message: `Received: Cache-Control: ${excerpt(cacheControl, 200)} on a ${response.status} to a request with credentials (${why}) / Expected: no Cache-Control, or "private" or "no-store" (RFC 9111 §3.5: only public, s-maxage or must-revalidate let a shared cache reuse an answer to a request with Authorization, and the operation requires bearer credentials)`,
        instancePath: '',
      },
    ];
  },
};
