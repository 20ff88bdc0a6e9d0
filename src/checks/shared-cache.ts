/**
 * "shared-cache": an answer to one caller does not invite shared caches to serve it to another.
 * RFC 9111 §3.5: a shared cache (a CDN, a corporate proxy) MUST NOT reuse an answer to a request
 * with credentials unless its Cache-Control says `public`, `s-maxage` or `must-revalidate`; with one
 * of them and a freshness lifetime, the next caller of the same URL, with no credentials or
 * another project's, gets this sender's sync status from the cache. The contract requires bearer
 * credentials for every operation, so an answer that waives that for caches breaks it wherever a
 * standard cache stands in front.
 *
 * Judged on the 2xx to a request with credentials and on every 4xx: a 401 or 404 a cache keeps
 * under `public` or `s-maxage` is served to the next caller of the URL, one with a valid key
 * included (a cache keys on the URL, not on Authorization), so a refusal poisons the URL for them.
 * A plain `max-age` on a 4xx to a request with credentials is left alone: §3.5 keeps such an answer
 * out of shared caches without a waiver. On the 401 or 403 of a caller without credentials §3.5 does
 * not apply: any lifetime (`max-age`, `Expires`) lets a cache store the refusal and serve it to the
 * callers with a valid key who ask the same URL next. (A 404 of an id that names nothing, kept a
 * while, harms no one.)
 * An answer stale at once that must be revalidated (`public, max-age=0, must-revalidate`, a host's
 * default for dynamic answers) is left alone too: the cache asks the origin with the next caller's
 * own request, so the origin authenticates that caller (§4.3.1), as with `no-cache`.
 *
 * Not judged: an answer keyed on the credentials (`Vary: Authorization`, RFC 9111 §4.1), and an
 * answer to a POST, which no cache serves from its store.
 *
 * Read as a cache reads it: a quoted list is one argument (`no-cache="Set-Cookie, X"`), only the
 * unqualified `private` and `no-cache` withhold the whole answer (RFC 9111 §5.2.2.4, §5.2.2.7: a
 * qualified one withholds the fields it names), `Expires` is a lifetime as `max-age` is (§4.2.1),
 * and a CDN obeys `CDN-Cache-Control` in place of Cache-Control (RFC 9213 §2.2). A surrogate (Fastly,
 * Varnish with ESI: W3C Edge Architecture 1.0) takes its lifetime from `Surrogate-Control` in place of
 * Cache-Control, whose `no-cache` and `no-store` then speak to browsers alone, and its default
 * configuration stores an answer to a request with Authorization (§3.5 is no part of it): only a
 * bare `private` in Cache-Control makes Fastly pass it.
 */
import type { Check } from '../model/check';
import { isSafeMethod } from '../model/operation';
import { judgedResponse } from './support/outside-contract';
import { httpDateMs } from '../text/http-date';
import { excerpt } from '../text/plain-text';
import { realNow } from '../text/real-clock';

/**
 * The directives of a Cache-Control value: lower-case names, with their argument (unquoted) when
 * one is given. Commas inside a quoted argument do not split it; a directive given twice keeps
 * its first argument (RFC 9111 §4.2.1: a cache may take either, and either may be the one it takes).
 */
export function cacheDirectives(value: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  const directive = /\s*([^=,\s]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^,]*))?\s*(?:,|$)/y;
  for (let at = 0; at < value.length; ) {
    directive.lastIndex = at;
    const match = directive.exec(value);
    if (match === null) {
      // Not a directive (a stray "=" or quote): skip to the next comma, as a lenient cache would.
      const comma = value.indexOf(',', at);
      at = comma === -1 ? value.length : comma + 1;
      continue;
    }
    at = directive.lastIndex;
    const name = (match[1] ?? '').toLowerCase();
    const argument = match[2]?.trim();
    const unquoted = argument !== undefined && argument.startsWith('"') ? argument.slice(1, -1).replace(/\\(.)/g, '$1') : argument;
    if (name !== '' && !found.has(name)) found.set(name, unquoted);
  }
  return found;
}

const seconds = (text: string | undefined): number => (text !== undefined && /^\d+$/.test(text) ? Number(text) : 0);

/** The answer's own fields a lifetime is read from. */
interface Freshness {
  expires: string | undefined;
  date: string | undefined;
  /** When the request was sent (the exchange's own time, recorded, so a replay judges alike): the "now" of an answer with no Date. */
  sentMs: number | undefined;
}

/**
 * A shared cache's freshness lifetime in seconds (s-maxage, else max-age, else Expires after the
 * Date, or now), or undefined when none is given (a cache may then pick one by heuristics, §4.2.2).
 */
function sharedLifetime(d: Map<string, string | undefined>, fields: Freshness): number | undefined {
  if (d.has('s-maxage')) return seconds(d.get('s-maxage'));
  if (d.has('max-age')) return seconds(d.get('max-age'));
  if (fields.expires === undefined) return undefined;
  const expires = httpDateMs(fields.expires);
  const date = fields.date === undefined ? undefined : httpDateMs(fields.date);
  // An Expires that is no date means "already expired" (§5.3).
  return expires === undefined ? 0 : Math.max(0, Math.floor((expires - (date ?? fields.sentMs ?? realNow())) / 1000));
}

/**
 * Why a shared cache may serve this answer to another caller without asking the origin, or
 * undefined when it may not. `refusedAnonymous`: a 401 or 403 to a request without Authorization,
 * which §3.5 does not restrict: any lifetime given lets a cache store it.
 */
function sharedReuse(value: string, fields: Freshness, refusedAnonymous: boolean): string | undefined {
  const d = cacheDirectives(value);
  // Only the bare forms withhold the whole answer; `private="Set-Cookie"` withholds that field alone.
  if (d.get('private') === undefined && d.has('private')) return undefined;
  if (d.get('no-cache') === undefined && d.has('no-cache')) return undefined;
  if (d.has('no-store')) return undefined;
  // What lets a shared cache store an answer to a request with Authorization (§3.5).
  const waiver = d.has('public') ? 'public' : d.has('s-maxage') ? 's-maxage' : d.has('must-revalidate') ? 'must-revalidate' : undefined;
  const lifetime = sharedLifetime(d, fields);
  if (waiver === undefined) {
    // A refusal of a request without credentials needs no waiver: its stated lifetime is enough.
    return refusedAnonymous && lifetime !== undefined && lifetime > 0 ? `a lifetime of ${lifetime} s, on an answer to a request without credentials, which RFC 9111 §3.5 does not keep out of shared caches, lets one store it and serve it to any caller of the URL while fresh` : undefined;
  }
  if (lifetime === undefined) {
    // No lifetime given: "public" lets a cache choose one (§4.2.2); must-revalidate alone gives it none.
    return waiver === 'public' ? '"public" lets a shared cache store it and serve it to any caller of the URL, for a lifetime of its own choosing' : undefined;
  }
  if (lifetime > 0) return `"${waiver}" with a lifetime of ${lifetime} s lets a shared cache store it and serve it to any caller of the URL while fresh`;
  // Stale at once: served again only after the origin, asked with the next caller's own request, says so
  // (§4.3.1), unless a stale-* directive lets a cache serve it stale and nothing forbids that (§5.2.2.2, §5.2.2.8, RFC 5861).
  const mayServeStale = seconds(d.get('stale-while-revalidate')) > 0 || seconds(d.get('stale-if-error')) > 0;
  const mustAsk = d.has('must-revalidate') || d.has('proxy-revalidate') || d.has('s-maxage');
  return mayServeStale && !mustAsk ? `"${waiver}" with stale-while-revalidate or stale-if-error lets a shared cache serve it stale to any caller of the URL` : undefined;
}

/**
 * The statuses a surrogate stores at all by default, whatever lifetime Surrogate-Control gives:
 * Fastly's readthrough cache 200, 203, 300, 301, 302, 404 and 410; Varnish's builtin VCL those and
 * 204, 304, 307, 414. Any other (a 401, 403, 400, 429) it passes to the origin every time, so a
 * lifetime there, set on every answer by a middleware, keeps nothing at the edge.
 */
const SURROGATE_STORED: readonly number[] = [200, 203, 204, 300, 301, 302, 304, 307, 404, 410, 414];

/**
 * Why a surrogate may serve this answer to another caller by its Surrogate-Control, or undefined
 * when it may not: a lifetime (`max-age=<seconds>[+<stale seconds>]`) it stores the answer for,
 * unless Surrogate-Control says no-store or Cache-Control a bare private.
 */
function surrogateReuse(value: string, cacheControl: string | undefined, status: number): string | undefined {
  if (!SURROGATE_STORED.includes(status)) return undefined;
  const d = cacheDirectives(value);
  if (d.has('no-store')) return undefined;
  const browser = cacheDirectives(cacheControl ?? '');
  if (browser.has('private') && browser.get('private') === undefined) return undefined;
  const lifetime = Number(/^\d+/.exec(d.get('max-age') ?? '')?.[0] ?? '0');
  return lifetime > 0 ? `a surrogate (Fastly, Varnish with ESI) stores it for ${lifetime} s by Surrogate-Control, whatever Cache-Control tells browsers and whatever the request's Authorization, and serves it to any caller of the URL while fresh` : undefined;
}

export const sharedCacheCheck: Check = {
  id: 'shared-cache',
  title: 'An answer is not one shared caches may serve to other callers',
  run(exchange, context) {
    const response = judgedResponse(exchange, context.expect);
    if (response === undefined) return [];
    // A cache answers no POST from its store, and reuses a POST's answer for a GET only with a
    // Content-Location naming it (RFC 9110 §9.3.3, RFC 9111 §4): judged on GET and HEAD alone.
    if (!isSafeMethod(exchange.request.method.toUpperCase())) return [];
    // Keyed on the credentials (Vary: Authorization, or *), the stored answer goes only to a request
    // with the same ones (RFC 9111 §4.1). Some CDNs ignore Vary: that is their deviation, not the API's.
    const vary = (response.headers['vary'] ?? '').split(',').map((name) => name.trim().toLowerCase());
    if (vary.includes('authorization') || vary.includes('*')) return [];
    const anonymous = exchange.request.headers['authorization'] === undefined;
    const authenticated = response.status >= 200 && response.status < 300 && !anonymous;
    // The refusal of a caller without credentials: stored, it is what callers with a key get next.
    const refusedAnonymous = anonymous && (response.status === 401 || response.status === 403);
    const refused = response.status >= 400 && response.status < 500;
    if (!authenticated && !refused) return [];
    const sent = Date.parse(exchange.startedAt);
    const fields: Freshness = { expires: response.headers['expires'], date: response.headers['date'], sentMs: Number.isNaN(sent) ? undefined : sent };
    // A CDN reads its targeted field in place of Cache-Control, a surrogate its own; any other shared cache reads Cache-Control.
    for (const field of ['surrogate-control', 'cdn-cache-control', 'cache-control'] as const) {
      // No Cache-Control at all: an Expires alone still gives a lifetime (§4.2.1).
      const value = response.headers[field] ?? (field === 'cache-control' && fields.expires !== undefined ? '' : undefined);
      const why = value === undefined ? undefined : field === 'surrogate-control' ? surrogateReuse(value, response.headers['cache-control'], response.status) : sharedReuse(value, fields, refusedAnonymous);
      if (value === undefined || why === undefined) continue;
      const name = field === 'cache-control' ? 'Cache-Control' : field === 'cdn-cache-control' ? 'CDN-Cache-Control' : 'Surrogate-Control';
      const received = value === '' ? `Expires: ${excerpt(fields.expires ?? '', 100)} and no Cache-Control` : `${name}: ${excerpt(value, 200)}`;
      const harm = authenticated
        ? `on a ${response.status} to a request with credentials (${why})`
        : `on a ${response.status} (${why}: the refusal is then served to callers with a valid key too)`;
      const rule = field === 'surrogate-control'
        ? 'a surrogate keeps an answer for the lifetime Surrogate-Control gives it, and Fastly\'s default configuration passes only one whose Cache-Control says private: the operation requires bearer credentials'
        : refusedAnonymous
        ? 'RFC 9111 §3.5 keeps only answers to requests with Authorization out of shared caches: a refusal of a request without them is stored for the lifetime it states, unless it is keyed on the credentials (Vary: Authorization)'
        : 'RFC 9111 §3.5: only public, s-maxage or must-revalidate let a shared cache reuse an answer to a request with Authorization, and the operation requires bearer credentials';
      return [
        {
          check: 'shared-cache',
          severity: 'error',
          title: authenticated ? 'A shared cache may serve this authenticated answer to other callers' : 'A shared cache may serve this refusal to other callers',
          message: `Received: ${received} ${harm} / Expected: ${field === 'surrogate-control' ? 'no Surrogate-Control lifetime, or Surrogate-Control: no-store, or Cache-Control: private' : `no ${name}${refusedAnonymous ? ' lifetime' : ''}, or "private" or "no-store"`} (${rule}${field === 'cdn-cache-control' ? '; RFC 9213: a CDN obeys CDN-Cache-Control in place of Cache-Control' : ''})`,
          instancePath: '',
        },
      ];
    }
    return [];
  },
};
