import { cacheDirectives, sharedCacheCheck } from '../../src/checks/shared-cache';
import { allChecks } from '../../src/checks/registry';
import type { Exchange } from '../../src/model';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

/** A sync status (or a refusal) with this Cache-Control and other headers, to a request with (or without) credentials. */
function answered(cacheControl: string | undefined, withCredentials = true, status = 200, extra: Record<string, string> = {}): Exchange {
  const response = status === 200 ? jsonResponse(200, syncBody) : jsonResponse(status, { code: 'unauthorized', message: 'Unauthorized' });
  if (cacheControl !== undefined) response.headers['cache-control'] = cacheControl;
  Object.assign(response.headers, extra);
  const sent = exchange(response);
  const headers: Record<string, string> = { ...sent.request.headers };
  if (!withCredentials) delete headers['authorization'];
  return { ...sent, request: { ...sent.request, headers } };
}

describe('shared-cache', () => {
  it.each(['public, max-age=300', 'max-age=60, s-maxage=60', 'Public', 'max-age=30, must-revalidate'])('flags %s on an authenticated 200', (value) => {
    const found = sharedCacheCheck.run(answered(value), context());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'shared-cache', severity: 'error' });
    expect(found[0]?.message).toContain('RFC 9111 §3.5');
  });

  it.each([undefined, 'private, max-age=300', 'no-store', 'no-cache', 'public, no-cache', 'max-age=60', 'max-age=0, must-revalidate', 'private, s-maxage=60', 'public, max-age=0, must-revalidate', 'public, s-maxage=0, max-age=60', 'public, max-age=0', 'must-revalidate'])('passes %s (nothing a shared cache may serve without asking the origin)', (value) => {
    expect(sharedCacheCheck.run(answered(value), context())).toEqual([]);
  });

  it('says nothing of a 2xx to a request without credentials', () => {
    expect(sharedCacheCheck.run(answered('public, max-age=300', false), context())).toEqual([]);
  });

  it.each([
    ['a qualified no-cache, which withholds the field it names alone', 'public, max-age=300, no-cache="Set-Cookie"'],
    ['a qualified private, a quoted list with a comma', 'private="Set-Cookie, X-Trace", s-maxage=60'],
    ['an answer stale at once that may be served stale', 'public, max-age=0, stale-while-revalidate=60'],
  ])('flags %s', (_why, value) => {
    expect(sharedCacheCheck.run(answered(value), context())).toHaveLength(1);
  });

  it('flags must-revalidate made fresh by Expires, and passes it once Expires is past or max-age=0 overrides it', () => {
    const date = 'Thu, 03 Dec 2026 16:00:00 GMT';
    const fresh = sharedCacheCheck.run(answered('must-revalidate', true, 200, { date, expires: 'Thu, 03 Dec 2026 17:00:00 GMT' }), context());
    expect(fresh[0]?.message).toContain('"must-revalidate" with a lifetime of 3600 s');
    expect(sharedCacheCheck.run(answered('must-revalidate', true, 200, { date, expires: 'Thu, 03 Dec 2026 15:00:00 GMT' }), context())).toEqual([]);
    expect(sharedCacheCheck.run(answered('must-revalidate, max-age=0', true, 200, { date, expires: 'Thu, 03 Dec 2026 17:00:00 GMT' }), context())).toEqual([]);
    expect(sharedCacheCheck.run(answered('must-revalidate', true, 200, { date, expires: '0' }), context())).toEqual([]);
  });

  it('reads CDN-Cache-Control as a CDN does, in place of Cache-Control, and names it', () => {
    const found = sharedCacheCheck.run(answered('private', true, 200, { 'cdn-cache-control': 'public, max-age=300' }), context());
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('Received: CDN-Cache-Control: public, max-age=300');
    expect(found[0]?.message).toContain('RFC 9213');
    expect(sharedCacheCheck.run(answered(undefined, true, 200, { 'cdn-cache-control': 'private' }), context())).toEqual([]);
  });

  it('reads Surrogate-Control as a surrogate (Fastly, Varnish with ESI) does: its lifetime wins over no-cache and no-store, only Cache-Control: private or its own no-store keep the answer out', () => {
    // fastly-rails' set_cache_control_headers defaults: browsers revalidate, the edge keeps it 30 days.
    const found = sharedCacheCheck.run(answered('public, no-cache', true, 200, { 'surrogate-control': 'max-age=2592000' }), context());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'shared-cache', severity: 'error' });
    expect(found[0]?.message).toContain('Received: Surrogate-Control: max-age=2592000');
    expect(found[0]?.message).toContain('stores it for 2592000 s');
    // The W3C form with a stale lifetime after "+", and no Cache-Control at all.
    expect(sharedCacheCheck.run(answered('no-store', true, 200, { 'surrogate-control': 'max-age=300+60' }), context())).toHaveLength(1);
    expect(sharedCacheCheck.run(answered(undefined, true, 200, { 'surrogate-control': 'max-age=300' }), context())).toHaveLength(1);
    for (const [cacheControl, surrogate] of [['private', 'max-age=300'], ['no-cache', 'no-store, max-age=300'], ['no-cache', 'max-age=0'], [undefined, 'content="ESI/1.0"']] as const) {
      expect(sharedCacheCheck.run(answered(cacheControl, true, 200, { 'surrogate-control': surrogate }), context())).toEqual([]);
    }
    // Keyed on the credentials, as for every other field.
    expect(sharedCacheCheck.run(answered('no-cache', true, 200, { 'surrogate-control': 'max-age=300', vary: 'Authorization' }), context())).toEqual([]);
    // Only on a status a surrogate stores at all: a 404 it keeps, a 401 or 403 (with credentials or without) it passes every time.
    expect(sharedCacheCheck.run(answered('no-cache', true, 404, { 'surrogate-control': 'max-age=300' }), context())).toHaveLength(1);
    for (const status of [401, 403]) {
      for (const withCredentials of [true, false]) expect(sharedCacheCheck.run(answered('no-cache', withCredentials, status, { 'surrogate-control': 'max-age=300' }), context())).toEqual([]);
    }
  });

  it('flags a 4xx a shared cache may keep, with or without credentials: the refusal would be served to callers with a valid key', () => {
    for (const withCredentials of [true, false]) {
      const found = sharedCacheCheck.run(answered('public, max-age=3600', withCredentials, 401), context());
      expect(found).toHaveLength(1);
      expect(found[0]?.title).toBe('A shared cache may serve this refusal to other callers');
      expect(found[0]?.message).toContain('callers with a valid key');
    }
    // A plain max-age on a refusal of a request with credentials waives nothing RFC 9111 §3.5 guards;
    // on a 404 of one without, it keeps the answer for an id that names nothing.
    expect(sharedCacheCheck.run(answered('max-age=60', true, 401), context())).toEqual([]);
    expect(sharedCacheCheck.run(answered('max-age=60', false, 404), context())).toEqual([]);
  });

  it("flags any lifetime on the 401 or 403 of a caller without credentials: §3.5 does not keep it out of shared caches, and callers with a key get it next", () => {
    for (const status of [401, 403]) {
      const found = sharedCacheCheck.run(answered('max-age=300', false, status), context());
      expect(found).toHaveLength(1);
      expect(found[0]?.message).toBe(
        `Received: Cache-Control: max-age=300 on a ${status} (a lifetime of 300 s, on an answer to a request without credentials, which RFC 9111 §3.5 does not keep out of shared caches, lets one store it and serve it to any caller of the URL while fresh: the refusal is then served to callers with a valid key too) / Expected: no Cache-Control lifetime, or "private" or "no-store" (RFC 9111 §3.5 keeps only answers to requests with Authorization out of shared caches: a refusal of a request without them is stored for the lifetime it states, unless it is keyed on the credentials (Vary: Authorization))`,
      );
    }
    // An Expires alone is a lifetime too; an Expires already past, max-age=0, no-store, private or Vary: Authorization is none a cache reuses.
    const onlyExpires = answered(undefined, false, 401, { date: 'Thu, 03 Dec 2026 16:00:00 GMT', expires: 'Thu, 03 Dec 2026 17:00:00 GMT' });
    expect(sharedCacheCheck.run(onlyExpires, context())[0]?.message).toMatch(/^Received: Expires: Thu, 03 Dec 2026 17:00:00 GMT and no Cache-Control on a 401 \(a lifetime of 3600 s/);
    for (const value of ['max-age=0', 'no-store, max-age=300', 'private, max-age=300', 'no-cache, max-age=300']) expect(sharedCacheCheck.run(answered(value, false, 401), context())).toEqual([]);
    // No Date: the lifetime runs from when the request was sent (recorded), not from the clock judging it, so a replay judges alike.
    const noDate = { ...answered(undefined, false, 401, { expires: 'Thu, 03 Dec 2026 17:00:00 GMT' }), startedAt: '2026-12-03T16:00:00.000Z' };
    expect(sharedCacheCheck.run(noDate, context())[0]?.message).toContain('a lifetime of 3600 s');
    expect(sharedCacheCheck.run(answered('max-age=300', false, 401, { vary: 'Authorization' }), context())).toEqual([]);
  });

  it('passes an answer keyed on the credentials (Vary: Authorization, or *), and any answer to a POST', () => {
    expect(sharedCacheCheck.run(answered('public, max-age=60', true, 200, { vary: 'Accept-Encoding, Authorization' }), context())).toEqual([]);
    expect(sharedCacheCheck.run(answered('public, max-age=60', false, 401, { vary: '*' }), context())).toEqual([]);
    expect(sharedCacheCheck.run(answered('public, max-age=60', true, 200, { vary: 'Accept-Encoding' }), context())).toHaveLength(1);
    const posted = answered('public, max-age=60', true, 401);
    expect(sharedCacheCheck.run({ ...posted, request: { ...posted.request, method: 'POST' } }, context())).toEqual([]);
  });

  it('reads directives as a cache does: case, spaces, quotes, repeats and junk', () => {
    expect([...cacheDirectives('Public , MAX-AGE = 60,no-cache="a, b",, =x, private')]).toEqual([
      ['public', undefined],
      ['max-age', '60'],
      ['no-cache', 'a, b'],
      ['private', undefined],
    ]);
    expect(cacheDirectives('max-age=60, max-age=0').get('max-age')).toBe('60');
  });

  it('is registered', () => {
    expect(allChecks).toContain(sharedCacheCheck);
  });
});

describe('shared-cache on a HEAD', () => {
  it("judges a HEAD's answer as a GET's: a cache may store it, and use it to refresh the GET's", () => {
    const head = answered('public, max-age=300');
    const found = sharedCacheCheck.run({ ...head, request: { ...head.request, method: 'HEAD' } }, context());
    expect(found.map((v) => [v.check, v.severity])).toEqual([['shared-cache', 'error']]);
  });
});
