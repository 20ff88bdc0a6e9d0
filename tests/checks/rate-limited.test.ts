import { rateLimitedCheck, unjudgedAnswer } from '../../src/checks/rate-limited';
import { allChecks } from '../../src/checks/registry';
import { context, exchange, jsonResponse, syncBody, syncOperation } from './support/exchange-factory';

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

  it('a final 429 is no answer to judge, and says why it is final: retries spent, the run budget spent, not retried, or a write', () => {
    const limited = (headers: Record<string, string> = { 'retry-after': '7' }) => exchange(jsonResponse(429, { code: 'rate_limited', message: 'slow down' }, headers));
    const tail = 'the request got no answer to judge (slow the run with --rate)';
    expect(unjudgedAnswer({ ...limited(), retries: [{ status: 429, waitedMs: 0 }, { status: 429, waitedMs: 0 }] })).toBe(`rate limited (429, Retry-After: 7; still 429 after 2 retries): ${tail}`);
    expect(unjudgedAnswer({ ...limited(), rateLimitBudgetSpent: true })).toBe(`rate limited (429, Retry-After: 7; the run's minute of waiting was spent): ${tail}`);
    expect(unjudgedAnswer(limited({}))).toBe(`rate limited (429; not retried): ${tail}`);
    const write = limited();
    expect(unjudgedAnswer({ ...write, request: { ...write.request, method: 'POST' } })).toBe(`rate limited (429, Retry-After: 7; a write is never sent twice): ${tail}`);
    expect(unjudgedAnswer(exchange(jsonResponse(200, syncBody)))).toBeUndefined();
    expect(unjudgedAnswer(exchange({ kind: 'reset', message: 'ECONNRESET' }))).toBeUndefined();
  });

  it("a final 429 whose wait its case's stop cut short says so: no retry was sent after it, and the warning's wait is the part waited", () => {
    const limited = { ...exchange(jsonResponse(429, { code: 'rate_limited', message: 'slow down' }, { 'retry-after': '30' })), retries: [{ status: 429, waitedMs: 12, stopped: true as const }] };
    const tail = 'the request got no answer to judge (slow the run with --rate)';
    expect(unjudgedAnswer(limited)).toBe(`rate limited (429, Retry-After: 30; its case was stopped during the wait, so it was not asked again): ${tail}`);
    const later = { ...limited, retries: [{ status: 429, waitedMs: 1000 }, ...limited.retries] };
    expect(unjudgedAnswer(later)).toBe(`rate limited (429, Retry-After: 30; still 429 after 1 retry, then its case was stopped during the wait, so it was not asked again): ${tail}`);
    expect(rateLimitedCheck.run(later, context())[0]?.message).toBe("Received: 2 × 429, waited 1012 ms, the last wait cut short by the case's stop / Expected: no rate limiting during a conformance run");
  });

  it("judges a 429 that carries one of the operation's documented refusals word for word (the operation's answer, not a limiter's); a limiter's 429 stays unjudged", () => {
    const post = (body: unknown) => {
      const base = exchange(jsonResponse(429, body, { 'retry-after': '86400' }));
      return { ...base, request: { ...base.request, method: 'POST' as const } };
    };
    const refusal = post({ code: 'bad_request', message: 'Sync is only available for coexistence accounts' });
    expect(unjudgedAnswer(refusal, syncOperation)).toBeUndefined();
    // Without the operation (the negative property's ids), or in a limiter's own words, it is left unjudged as before.
    expect(unjudgedAnswer(refusal)).toContain('a write is never sent twice');
    expect(unjudgedAnswer(post({ code: 'rate_limited', message: 'Too many requests' }), syncOperation)).toContain('a write is never sent twice');
    expect(unjudgedAnswer(post({ code: 'bad_request', message: 'Sync is only available for coexistence accounts!' }), syncOperation)).toContain('no answer to judge');
  });

  it("recognises the documented refusal in the documented words, as error-message-documented reads them: the hours left in place of the example's 24, its final full stop dropped; another reason stays the limiter's", () => {
    const start = {
      ...syncOperation,
      operationId: 'startWhatsAppHistorySync',
      method: 'POST' as const,
      responses: [
        { status: '202', description: 'Started.', mediaTypes: ['application/json'], schemaName: 'WhatsAppSyncStartResponse', examples: [] },
        {
          status: '400',
          description: 'Sync limit reached or a sync in progress.',
          mediaTypes: ['application/json'],
          schemaName: 'Error',
          examples: [{ name: 'rate_limit', value: { code: 'rate_limit', message: 'Sync limit reached. Please wait 24 hours before trying again.' } }],
        },
      ],
    };
    const post = (message: string) => {
      const base = exchange(jsonResponse(429, { code: 'rate_limit', message }, { 'retry-after': '82800' }));
      return { ...base, request: { ...base.request, method: 'POST' as const } };
    };
    // The operation's own refusal sent as 429: judged (the status checks say 400 was documented).
    expect(unjudgedAnswer(post('Sync limit reached. Please wait 23 hours before trying again'), start)).toBeUndefined();
    expect(unjudgedAnswer(post('Sync limit reached.  Please wait 24 hours before trying again.'), start)).toBeUndefined();
    // The wait in another unit of time is the same refusal, still sent with the wrong status: judged, not taken for a limiter's.
    expect(unjudgedAnswer(post('Sync limit reached. Please wait 45 minutes before trying again.'), start)).toBeUndefined();
    // Words of its own: a limiter's 429, left unjudged.
    expect(unjudgedAnswer(post('Rate limit reached. Please wait 23 hours before trying again.'), start)).toContain('a write is never sent twice');
  });

  it("names a spent run budget, and that the 429 was left unjudged", () => {
    const spent = { ...exchange(jsonResponse(429, { code: 'rate_limited', message: 'slow down' })), rateLimitBudgetSpent: true as const };
    expect(rateLimitedCheck.run(spent, context())).toEqual([expect.objectContaining({ severity: 'warning', title: "The target rate-limited the request after the run's waiting budget was spent", message: expect.stringContaining('left as the answer (not judged)') })]);
  });

  it('is registered', () => {
    expect(allChecks).toContain(rateLimitedCheck);
  });
});
