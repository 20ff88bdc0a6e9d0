import { rateLimitedCheck } from '../../src/checks/rate-limited';
import { allChecks } from '../../src/checks/registry';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

describe('rate-limited', () => {
  it('warns once when the exchange was retried after 429s, with count and total wait', () => {
    const retried = { ...exchange(jsonResponse(200, syncBody)), retries: [{ status: 429, waitedMs: 1000 }, { status: 429, waitedMs: 2000 }] };
    expect(rateLimitedCheck.run(retried, context())).toEqual([
      {
        check: 'rate-limited',
        severity: 'warning',
        title: 'The target rate-limited the request 2 times',
        message: 'Received: 2 × 429, waited 3000 ms / Expected: no rate limiting during a conformance run',
        instancePath: '',
      },
    ]);
  });

  it('uses the singular for one retry', () => {
    const retried = { ...exchange(jsonResponse(200, syncBody)), retries: [{ status: 429, waitedMs: 1500 }] };
    expect(rateLimitedCheck.run(retried, context())[0]?.title).toBe('The target rate-limited the request 1 time');
  });

  it('also reports when retries ran out and the last answer is still a 429', () => {
    const exhausted = { ...exchange(jsonResponse(429, { code: 'rate_limited', message: 'slow down' })), retries: [{ status: 429, waitedMs: 0 }] };
    expect(rateLimitedCheck.run(exhausted, context())).toHaveLength(1);
  });

  it.each([
    ['no retries field', exchange(jsonResponse(200, syncBody))],
    ['an empty retries list', { ...exchange(jsonResponse(200, syncBody)), retries: [] }],
    ['a transport error', exchange({ kind: 'reset', message: 'ECONNRESET' })],
  ])('passes with %s', (_name, candidate) => {
    expect(rateLimitedCheck.run(candidate, context())).toEqual([]);
  });

  it('is registered', () => {
    expect(allChecks).toContain(rateLimitedCheck);
  });
});
