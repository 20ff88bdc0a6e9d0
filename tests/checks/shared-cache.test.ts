import { sharedCacheCheck } from '../../src/checks/shared-cache';
import { allChecks } from '../../src/checks/registry';
import type { Exchange } from '../../src/model';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

/** A 200 sync status with this Cache-Control, to a request with (or without) credentials. */
function answered(cacheControl: string | undefined, withCredentials = true): Exchange {
  const response = jsonResponse(200, syncBody);
  if (cacheControl !== undefined) response.headers['cache-control'] = cacheControl;
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

  it.each([undefined, 'private, max-age=300', 'no-store', 'no-cache', 'public, no-cache', 'max-age=60', 'max-age=0, must-revalidate', 'private, s-maxage=60'])('passes %s', (value) => {
    expect(sharedCacheCheck.run(answered(value), context())).toEqual([]);
  });

  it('says nothing of an answer to a request without credentials', () => {
    expect(sharedCacheCheck.run(answered('public, max-age=300', false), context())).toEqual([]);
  });

  it('is registered', () => {
    expect(allChecks).toContain(sharedCacheCheck);
  });
});
